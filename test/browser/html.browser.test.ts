/**
 * The HTML report as a person sees it: Debian's headless Chromium (driven by playwright-core, never a downloaded
 * browser) opens the file, and we check what it drew — pixels on the screenshot, node cards inside the viewport,
 * tooltips on focus, the heat-map's script running under the page's CSP — with no console error and no request
 * leaving the file. The screenshot stays in $TMPDIR/kubeplan-browser/ (a CI artifact).
 * KUBEPLAN_UPDATE_SCREENSHOT=1 also copies it to docs/img/plan.png (the README's picture).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { check } from '../../src/api/index.js';
import type { PlanResult } from '../../src/plan/result.js';
import { CARD_LIMIT, renderHtml, renderPlanHtml } from '../../src/output/html.js';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.KUBEPLAN_CHROMIUM ?? '/usr/bin/chromium';
const FOUND = existsSync(CHROMIUM);
if (!FOUND)
  console.warn(
    `chromium not found at ${CHROMIUM} (apt-get install chromium, or set KUBEPLAN_CHROMIUM): the browser tests are skipped`,
  );

const ARTIFACTS = path.join(tmpdir(), 'kubeplan-browser');
const VIEWPORT = { width: 1100, height: 900 };

/** The example app with web's image bumped (1.8.1 → 1.8.2): the plan and one rollout. */
function shopReport(): string {
  const old = mkdtempSync(path.join(tmpdir(), 'kubeplan-shop-old-'));
  cpSync(path.join(ROOT, 'examples/shop'), old, { recursive: true });
  const web = path.join(old, 'web.yaml');
  writeFileSync(web, readFileSync(web, 'utf8').replace('shop-web:1.8.2', 'shop-web:1.8.1'));
  return renderHtml(check([path.join(ROOT, 'examples/shop')], { cwd: ROOT, from: [old] }));
}

function bigPlan(nodes: number): PlanResult {
  const names = Array.from({ length: nodes }, (_, i) => `node-${String(i).padStart(3, '0')}`);
  return {
    cluster: {
      source: 'cluster.yaml',
      description: `cluster.yaml: ${nodes} nodes`,
      nodes: names.map((name, i) => ({
        name,
        zone: `zone-${'ab'[i % 2]}`,
        allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
        requested: { cpu: `${(i % 9) * 500}m`, memory: '1Gi', pods: '1' },
        pods: [`web-${i}`],
        running: [],
      })),
    },
    settings: {
      seed: 'kubeplan',
      now: '2025-01-01T00:00:00Z',
      defaultNamespace: 'default',
      tieBreak: 'first',
      nodeSampling: 'all nodes (--score-all-nodes)',
      kubeVersion: '1.36',
    },
    pods: names.map((node, i) => ({
      name: `web-5d8f9c7b6-${i}`,
      namespace: 'prod',
      owner: { kind: 'ReplicaSet', name: 'web-5d8f9c7b6' },
      workload: { kind: 'Deployment', name: 'web' },
      node,
      priority: 0,
      labels: {},
    })),
    workloads: [],
    volumeClaims: [],
    services: [],
    ingresses: [],
    cronJobs: [],
    evictions: [],
    summary: { pods: nodes, scheduled: nodes, unschedulable: 0 },
    findings: [],
  };
}

describe.skipIf(!FOUND)('the HTML report in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(path.join(tmpdir(), 'kubeplan-chromium-profile-')); // a new, empty --user-data-dir
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: VIEWPORT,
    });
    // Nothing but the file itself may load: anything else is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://') || url.startsWith('data:')) return route.continue();
      problems.push(`request ${url}`);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(html: string, name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, html);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`file://${file}`);
    return page;
  }

  /** Pixels of a PNG that differ from its top-left pixel, counted by the browser's own decoder. */
  async function inkedPixels(png: Buffer): Promise<{ inked: number; total: number }> {
    const page = await context.newPage();
    const result = await page.evaluate(async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let inked = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) inked++;
      return { inked, total: d.length / 4 };
    }, png.toString('base64'));
    await page.close();
    return result;
  }

  it('draws the example app: pixels, node cards inside the viewport, no console error, no request', async () => {
    problems.length = 0;
    const page = await open(shopReport(), 'plan');
    const shot = path.join(ARTIFACTS, 'plan.png');
    const png = await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
    if (process.env.KUBEPLAN_UPDATE_SCREENSHOT) {
      copyFileSync(shot, path.join(ROOT, 'docs/img/plan.png'));
      console.log('copied to docs/img/plan.png');
    }
    const { inked, total } = await inkedPixels(png);
    expect(inked / total).toBeGreaterThan(0.02); // text, bars, chips and the chart: far from a blank page

    const cards = await page.locator('article.node').all();
    expect(cards).toHaveLength(3); // worker-1..3 of the default cluster
    for (const card of cards) {
      const box = (await card.boundingBox())!;
      expect(box.width).toBeGreaterThan(100);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
      expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    }
    expect(await page.locator('svg.chart g.step').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a pod tooltip on keyboard focus (no JavaScript involved)', async () => {
    problems.length = 0;
    const page = await open(shopReport(), 'tooltip');
    const chip = page.locator('span.pod[data-pod^="shop/api-"]').first();
    const tip = chip.locator('.tip');
    expect(await tip.isVisible()).toBe(false);
    await chip.focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toContain('requests: cpu 500m, memory 512Mi');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows prefers-color-scheme: a dark background in the dark scheme', async () => {
    problems.length = 0;
    const bg = async (scheme: 'light' | 'dark') => {
      const page = await open(shopReport(), `plan-${scheme}`, scheme);
      const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.close();
      return color;
    };
    expect(await bg('light')).toBe('rgb(255, 255, 255)');
    expect(await bg('dark')).toBe('rgb(13, 17, 23)');
    expect(problems).toEqual([]);
  });

  it(`above ${CARD_LIMIT} nodes: the heat-map script runs under the page's CSP and a click shows the node`, async () => {
    problems.length = 0;
    const page = await open(renderPlanHtml(bigPlan(CARD_LIMIT + 10)), 'heatmap');
    expect(await page.locator('article.node').count()).toBe(0);
    await page.locator('a.cell[data-i="5"]').click();
    const detail = page.locator('#node-detail article.node');
    await detail.waitFor({ timeout: 5000 });
    const name = await detail.getAttribute('data-node');
    expect(name).toMatch(/^node-\d{3}$/);
    expect(await detail.locator('.pod').allInnerTexts()).toEqual([`prod/web-5d8f9c7b6-${Number(name!.slice(5))}`]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'heatmap.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
