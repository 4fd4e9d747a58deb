/**
 * The HTML report read back with a real HTML parser (parse5, the WHATWG algorithm browsers use): valid, every node
 * and pod of the plan present, nothing that reaches the network, and pull-request text that cannot become markup.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, plan } from '../../src/api/index.js';
import type { NodeReport, PlanResult, PodReport } from '../../src/plan/result.js';
import type { ChangesResult } from '../../src/rollout/index.js';
import { CARD_LIMIT, renderHtml, renderPlanHtml } from '../../src/output/html.js';
import { usage } from '../../src/output/html-nodes.js';
import { attr, byClass, hasClass, parseHtml, text, type Dom } from './html-dom.js';

const ROOT = path.resolve(__dirname, '../..');
const SHOP = path.join(ROOT, 'examples/shop');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kubeplan-html-'));
}

/** The example app before this change: web at an older image, so the plan has one rollout. */
function shopWithRollout() {
  const old = tempDir();
  cpSync(SHOP, old, { recursive: true });
  const web = path.join(old, 'web.yaml');
  writeFileSync(web, readFileSync(web, 'utf8').replace('shop-web:1.8.2', 'shop-web:1.8.1'));
  return check([SHOP], { cwd: ROOT, from: [old] });
}

/** Every URL-bearing attribute, every url() in CSS and every scheme-looking string in the page. */
function externalReferences(html: string, dom: Dom): string[] {
  const out: string[] = [];
  for (const e of dom.elements)
    for (const a of e.attrs) {
      if (['src', 'href', 'action', 'srcset', 'poster', 'data', 'xlink:href', 'formaction'].includes(a.name)) {
        if (!a.value.startsWith('#')) out.push(`${e.tagName}[${a.name}=${a.value}]`);
      }
    }
  for (const m of html.matchAll(/url\(|@import|https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//gi)) out.push(m[0]);
  for (const e of dom.elements)
    if (['link', 'img', 'iframe', 'object', 'embed', 'base'].includes(e.tagName)) out.push(e.tagName);
  return out;
}

describe('renderPlanHtml: the example app', () => {
  const result = shopWithRollout();
  const html = renderHtml(result);
  const dom = parseHtml(html);

  it('is valid HTML (no parse error) with one doctype, one title and the two scripts we write', () => {
    expect(dom.errors).toEqual([]);
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    const titles = dom.elements.filter(
      (e) => e.tagName === 'title' && e.namespaceURI === 'http://www.w3.org/1999/xhtml',
    );
    expect(titles.map(text)).toEqual(['kubeplan check']);
    expect(dom.elements.filter((e) => e.tagName === 'script')).toHaveLength(1); // 3 nodes: cards, no heat-map data
  });

  it('draws every node as a card in its zone and every pod as a chip on its node', () => {
    const cards = byClass(dom, 'article', 'node');
    expect(cards.map((c) => attr(c, 'data-node'))).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const zones = dom.elements.filter((e) => e.tagName === 'section' && hasClass(e, 'zone'));
    expect(zones.map((z) => text(z.childNodes[0]!).split(' ')[0])).toEqual(['zone-a', 'zone-b', 'zone-c']);
    const chips = byClass(dom, 'span', 'pod').map((c) => attr(c, 'data-pod'));
    expect(chips.sort()).toEqual(result.plan.pods.map((p) => `${p.namespace}/${p.name}`).sort());
    expect(chips).toHaveLength(6); // web 3 + api 2 + db 1 (examples/shop)
    for (const card of cards) {
      const name = attr(card, 'data-node');
      const onCard = dom.elements.filter((e) => hasClass(e, 'pod') && isUnder(e, card)).map((e) => attr(e, 'data-pod'));
      const planned = result.plan.pods.filter((p) => p.node === name).map((p) => `${p.namespace}/${p.name}`);
      expect(onCard.sort()).toEqual(planned.sort());
    }
  });

  it('shows each pod its workload and requests in a tooltip (api: 500m / 512Mi, from examples/shop/api.yaml)', () => {
    const api = byClass(dom, 'span', 'pod').find((c) => (attr(c, 'data-pod') ?? '').startsWith('shop/api-'))!;
    const tip = text(api.childNodes.find((c) => 'tagName' in c && hasClass(c, 'tip'))!);
    expect(tip).toContain('Deployment shop/api');
    expect(tip).toContain('requests: cpu 500m, memory 512Mi');
  });

  it('refers to nothing outside the file', () => {
    expect(externalReferences(html, dom)).toEqual([]);
    const csp = dom.elements.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp!, 'content')).toMatch(/^default-src 'none';/);
  });

  it('lists the routes host/path → Service:port → pods', () => {
    const rows = dom.elements
      .filter((e) => e.tagName === 'tr' && isUnder(e, byClass(dom, 'table', 'routes')[0]!))
      .map((r) => text(r));
    expect(rows.find((r) => r.startsWith('Ingress shop/shop') && r.includes('shop.example.com/api'))).toMatch(
      /api:80.*api-/,
    );
  });

  it('draws the rollout: one chart column and one numbered step per controller event', () => {
    const r = result.changes!.rollouts[0]!;
    expect(`${r.kind} ${r.namespace}/${r.name}`).toBe('Deployment shop/web');
    const art = byClass(dom, 'article', 'rollout');
    expect(art.map((a) => attr(a, 'data-rollout'))).toEqual(['Deployment/shop/web']);
    const steps = dom.elements.filter((e) => e.tagName === 'li' && attr(e, 'value') !== undefined);
    expect(steps.map((s) => attr(s, 'value'))).toEqual(r.events.map((_, i) => String(i + 1)));
    expect(byClass(dom, 'g', 'step')).toHaveLength(r.events.length);
    // maxSurge 1, maxUnavailable 0 (web.yaml), 3 replicas: never more than 4 pods, never fewer than 3 available.
    expect(text(art[0]!)).toContain('Peak 4 pods, minimum 3 available.');
    expect(steps.map((s) => text(s)).filter((t) => t.includes('surge 1'))).toHaveLength(3);
  });

  it('is the same bytes for the same plan', () => {
    expect(renderHtml(check([SHOP], { cwd: ROOT }))).toBe(renderHtml(check([SHOP], { cwd: ROOT })));
  });
});

function isUnder(e: { parentNode: unknown }, ancestor: unknown): boolean {
  for (let p = e.parentNode as { parentNode: unknown } | null; p; p = p.parentNode as typeof p)
    if (p === ancestor) return true;
  return false;
}

const NODE_YAML = (name: string, extra: string) =>
  `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {topology.kubernetes.io/zone: z1}\n${extra}status:\n  allocatable: {cpu: "2", memory: 4Gi, pods: "10"}\n`;

describe('renderPlanHtml: taints, cordons, unschedulable pods, --explain', () => {
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'cluster.yaml'),
    [
      NODE_YAML('n-free', ''),
      NODE_YAML('n-free-2', ''),
      NODE_YAML('n-tainted', 'spec:\n  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]\n'),
      NODE_YAML('n-cordoned', 'spec:\n  unschedulable: true\n'),
    ].join('---\n'),
  );
  writeFileSync(
    path.join(dir, 'app.yaml'),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: small}\nspec:\n  containers:\n  - {name: c, image: nginx:1.27, resources: {requests: {cpu: 500m}}}\n---\n` +
      `apiVersion: v1\nkind: Pod\nmetadata: {name: huge}\nspec:\n  containers:\n  - {name: c, image: nginx:1.27, resources: {requests: {cpu: "3"}}}\n`,
  );
  const result = plan(['app.yaml'], { cwd: dir, cluster: 'cluster.yaml', explain: 'small' });
  const dom = parseHtml(renderHtml(result));

  it('marks the taint and the cordon on their cards', () => {
    const card = (n: string) => byClass(dom, 'article', 'node').find((c) => attr(c, 'data-node') === n)!;
    expect(hasClass(card('n-tainted'), 'tainted')).toBe(true);
    expect(text(card('n-tainted'))).toContain('dedicated=gpu:NoSchedule');
    expect(hasClass(card('n-cordoned'), 'cordoned')).toBe(true);
    expect(text(card('n-cordoned'))).toContain('cordoned');
    expect(hasClass(card('n-free'), 'tainted') || hasClass(card('n-free'), 'cordoned')).toBe(false);
  });

  it('puts the pod that fits nowhere in the unschedulable lane with the scheduler reason', () => {
    const lane = byClass(dom, 'ul', 'lane')[0]!;
    const pods = dom.elements.filter((e) => hasClass(e, 'pod') && isUnder(e, lane)).map((e) => attr(e, 'data-pod'));
    expect(pods).toEqual(['default/huge']);
    // 3 CPU asked, 2 allocatable everywhere; one node tainted, one cordoned (NodeUnschedulable, TaintToleration).
    const reason = result.plan.pods.find((p) => p.name === 'huge')!.reason!;
    expect(reason).toMatch(/^0\/4 nodes are available/);
    expect(text(lane)).toContain(reason);
  });

  it('shows the per-plugin scores of the --explain pod in its tooltip', () => {
    const chip = byClass(dom, 'span', 'pod').find((c) => attr(c, 'data-pod') === 'default/small')!;
    const node = result.plan.pods.find((p) => p.name === 'small')!.node!;
    const explained = result.plan.explain!.nodes.find((n) => n.node === node)!;
    expect(Object.keys(explained.scores!).length).toBeGreaterThan(0);
    for (const plugin of Object.keys(explained.scores!)) expect(text(chip)).toContain(`${plugin}: `);
    expect(text(chip)).toContain(`scores on ${node} (total ${explained.total})`);
    expect(text(chip)).toContain('n-cordoned: NodeUnschedulable');
    expect(text(chip)).toContain('n-tainted: TaintToleration');
  });

  it('draws the bars as requested / allocatable (500m of 2 CPU = 25%)', () => {
    const node = result.plan.pods.find((p) => p.name === 'small')!.node;
    const card = byClass(dom, 'article', 'node').find((c) => attr(c, 'data-node') === node)!;
    const fills = dom.elements.filter((e) => hasClass(e, 'fill') && isUnder(e, card)).map((e) => attr(e, 'style'));
    expect(fills).toEqual(['width:25%', 'width:0%', 'width:10%']); // cpu 500m/2, memory 0/4Gi, pods 1/10
  });
});

describe('usage', () => {
  const node = (requested: Record<string, string>, allocatable: Record<string, string>): NodeReport => ({
    name: 'n',
    zone: null,
    requested,
    allocatable,
    pods: [],
    running: [],
  });
  it('is requested over allocatable in the scheduler unit', () => {
    expect(usage(node({ cpu: '1500m' }, { cpu: '4' }), 'cpu')).toBe(0.375);
    expect(usage(node({ memory: '512Mi' }, { memory: '2Gi' }), 'memory')).toBe(0.25);
    expect(usage(node({ memory: '0' }, { memory: '0' }), 'memory')).toBe(0);
    expect(usage(node({ cpu: '1' }, {}), 'cpu')).toBe(1); // asked for what the node does not have: full
  });
});

const EVIL = '</script><img src=x onerror=alert(1)><!--';

function syntheticPlan(nodeCount: number, podsPerNode: number, name = (i: number) => `node-${i}`): PlanResult {
  const nodes: NodeReport[] = [];
  const pods: PodReport[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const n = name(i);
    const here: string[] = [];
    for (let j = 0; j < podsPerNode; j++) {
      const pod = `app-${i % 7}-5d8f9c7b6-${String(i * podsPerNode + j).padStart(5, '0')}`;
      here.push(pod);
      pods.push({
        name: pod,
        namespace: 'prod',
        owner: { kind: 'ReplicaSet', name: `app-${i % 7}-5d8f9c7b6` },
        workload: { kind: 'Deployment', name: `app-${i % 7}` },
        node: n,
        priority: 0,
        labels: { app: `app-${i % 7}` },
        requests: { cpu: '250m', memory: '256Mi' },
      });
    }
    nodes.push({
      name: n,
      zone: `zone-${'abc'[i % 3]}`,
      allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
      requested: { cpu: `${podsPerNode * 250}m`, memory: `${podsPerNode * 256}Mi`, pods: String(podsPerNode) },
      pods: here,
      running: [],
      taints: i % 50 === 0 ? [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] : [],
      unschedulable: i % 97 === 0,
    });
  }
  return {
    cluster: { source: 'cluster.yaml', description: `cluster.yaml: ${nodeCount} nodes`, nodes },
    settings: {
      seed: 'kubeplan',
      now: '2025-01-01T00:00:00Z',
      defaultNamespace: 'default',
      tieBreak: 'first',
      nodeSampling: 'all nodes (--score-all-nodes)',
      kubeVersion: '1.36',
    },
    pods,
    workloads: [],
    volumeClaims: [],
    services: [],
    ingresses: [],
    cronJobs: [],
    evictions: [],
    summary: { pods: pods.length, scheduled: pods.length, unschedulable: 0 },
    findings: [],
  };
}

/** Every element and attribute the parser built that did not come from our templates. */
function injected(dom: Dom): string[] {
  const out: string[] = [];
  for (const e of dom.elements) {
    if (['img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'svg:script'].includes(e.tagName))
      out.push(e.tagName);
    for (const a of e.attrs) if (/^on/i.test(a.name) || a.name === 'src') out.push(`${e.tagName}[${a.name}]`);
  }
  return out;
}

describe('renderPlanHtml: hostile names from a pull request', () => {
  function hostile(nodeCount: number): { plan: PlanResult; changes: ChangesResult } {
    const p = syntheticPlan(nodeCount, 2, (i) => (i === 0 ? `n${EVIL}` : `node-${i}`));
    const pod = p.pods[0]!;
    pod.name = `p${EVIL}`;
    pod.namespace = `ns${EVIL}`;
    pod.workload = { kind: 'Deployment', name: `w${EVIL}` };
    pod.labels = { [`l${EVIL}`]: EVIL };
    pod.requests = { [`r${EVIL}`]: EVIL };
    p.cluster.nodes[0]!.zone = `z${EVIL}`;
    p.cluster.nodes[0]!.taints = [{ key: `k${EVIL}`, value: EVIL, effect: 'NoSchedule' }];
    p.cluster.nodes[0]!.running = [`ns/${EVIL}`];
    p.cluster.description = EVIL;
    p.pods.push({ ...pod, name: `u${EVIL}`, node: null, reason: `0/1 nodes are available: ${EVIL}` });
    p.services.push({
      namespace: EVIL,
      name: `s${EVIL}`,
      type: EVIL,
      headless: false,
      selector: { a: EVIL },
      ports: [{ name: EVIL, port: 80, targetPort: EVIL, protocol: EVIL }],
      endpoints: [{ pod: EVIL, node: EVIL, port: 80, portName: EVIL }],
    });
    p.ingresses.push({
      namespace: EVIL,
      name: EVIL,
      ingressClass: EVIL,
      routes: [{ host: `javascript:${EVIL}`, path: EVIL, pathType: EVIL, service: EVIL, port: EVIL, pods: [EVIL] }],
    });
    p.findings.push({
      ruleId: EVIL,
      severity: 'error',
      message: EVIL,
      file: EVIL,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
    });
    const changes: ChangesResult = {
      kubeVersion: '1.36',
      changes: [{ kind: 'Deployment', namespace: EVIL, name: EVIL, change: 'changed', diff: `--- ${EVIL}\n+++ b\n` }],
      rollouts: [
        {
          kind: 'Deployment',
          namespace: EVIL,
          name: EVIL,
          strategy: EVIL,
          cause: 'template',
          replicas: { old: 1, new: 1 },
          revisions: { old: EVIL, new: EVIL },
          limits: { [EVIL]: 1 },
          events: [{ action: 'scale', old: 1, new: 1, available: 1, message: EVIL, wave: 0, pending: 1 }],
          peakPods: 2,
          minAvailable: 1,
          stalled: EVIL,
          note: EVIL,
        },
      ],
      findings: [],
    };
    return { plan: p, changes };
  }

  for (const [mode, count] of [
    ['cards', 3],
    ['heat-map', CARD_LIMIT + 1],
  ] as const) {
    it(`cannot add an element, an attribute or a script (${mode})`, () => {
      const { plan: p, changes } = hostile(count);
      const html = renderPlanHtml(p, changes);
      const dom = parseHtml(html);
      expect(dom.errors).toEqual([]);
      expect(injected(dom)).toEqual([]);
      const scripts = dom.elements.filter((e) => e.tagName === 'script');
      expect(scripts).toHaveLength(mode === 'cards' ? 1 : 2);
      // The names are there, as text: the reader sees what the pull request wrote.
      expect(text(dom.elements.find((e) => e.tagName === 'body')!)).toContain(`u${EVIL}`);
      expect(html.match(/<\/script>/g)).toHaveLength(scripts.length);
      if (mode === 'heat-map') {
        const data = JSON.parse(text(scripts[0]!)) as {
          nodes: Array<[string]>;
          owners: Array<[string]>;
          pods: Array<[number, string]>;
        };
        expect(data.nodes[0]![0]).toBe(`n${EVIL}`);
        const [owner, rest] = data.pods[0]!;
        expect(data.owners[owner]![0] + rest).toBe(`ns${EVIL}/p${EVIL}`);
      }
    });
  }

  it('cannot inject through a real plan either (a Pod named and labelled with markup)', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'pod.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(`p${EVIL}`)}\n  labels: {app: ${JSON.stringify(EVIL)}}\n` +
        `spec:\n  containers:\n  - {name: c, image: nginx:1.27}\n`,
    );
    const result = check(['pod.yaml'], { cwd: dir });
    const html = renderHtml(result);
    const dom = parseHtml(html);
    expect(result.plan.pods.map((p) => p.name)).toEqual([`p${EVIL}`]);
    expect(dom.errors).toEqual([]);
    expect(injected(dom)).toEqual([]);
    expect(byClass(dom, 'span', 'pod').map((c) => attr(c, 'data-pod'))).toEqual([`default/p${EVIL}`]);
  });
});

describe('renderPlanHtml: large clusters', () => {
  it(`draws cards up to ${CARD_LIMIT} nodes and a heat-map strip per zone above`, () => {
    const cards = parseHtml(renderPlanHtml(syntheticPlan(CARD_LIMIT, 1)));
    expect(byClass(cards, 'article', 'node')).toHaveLength(CARD_LIMIT);
    expect(byClass(cards, 'a', 'cell')).toHaveLength(0);
    const heat = parseHtml(renderPlanHtml(syntheticPlan(CARD_LIMIT + 1, 1)));
    expect(byClass(heat, 'article', 'node')).toHaveLength(0);
    expect(byClass(heat, 'div', 'strip')).toHaveLength(3); // zone-a, zone-b, zone-c
    const cells = byClass(heat, 'a', 'cell');
    expect(cells).toHaveLength(CARD_LIMIT + 1);
    // Each cell links to its node's row in the table (works without JavaScript).
    const rows = new Set(heat.elements.filter((e) => e.tagName === 'tr').map((r) => attr(r, 'id')));
    for (const c of cells) expect(rows.has(attr(c, 'href')!.slice(1))).toBe(true);
  });

  it('stays under 4 MB for 5,000 nodes with 20 pods each', () => {
    const html = renderPlanHtml(syntheticPlan(5000, 20));
    expect(Buffer.byteLength(html)).toBeLessThan(4_000_000);
    const dom = parseHtml(html);
    expect(dom.errors).toEqual([]);
    expect(byClass(dom, 'a', 'cell')).toHaveLength(5000);
  });
});
