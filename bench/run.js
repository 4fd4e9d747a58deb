#!/usr/bin/env node
/**
 * `npm run bench`: lint and plan timings on generated inputs (sizes that matter: many objects, big clusters, the
 * hostile-input limits) and on the shared real-world corpus when it is present. Prints a table; asserts nothing
 * (tests never assert on time). Runs on plain node against dist/ (`npm run compile` first).
 *
 *   npm run bench                 everything
 *   npm run bench -- --quick      one repetition, smaller sizes; of the corpus only the throughput (× 2)
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, '../dist/src');
const quick = process.argv.includes('--quick');

if (!existsSync(path.join(DIST, 'index.js'))) {
  process.stderr.write('dist/ is missing: run `npm run compile` first\n');
  process.exit(2);
}
const api = await import(pathToFileURL(path.join(DIST, 'index.js')).href);
const { lintText, loadText } = api;
const planner = existsSync(path.join(DIST, 'plan/index.js'))
  ? await import(pathToFileURL(path.join(DIST, 'plan/index.js')).href)
  : undefined;

// ---------------------------------------------------------------------------------------------------------------
// Generated inputs

function app(i) {
  const name = `svc-${i}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: bench
  labels: {app.kubernetes.io/name: ${name}}
spec:
  replicas: 3
  selector: {matchLabels: {app.kubernetes.io/name: ${name}}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ${name}}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 10001}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app.kubernetes.io/name: ${name}}}}
      containers:
      - name: app
        image: registry.example.com/${name}:1.${i % 10}.0
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
        readinessProbe: {httpGet: {path: /ready, port: http}}
        livenessProbe: {httpGet: {path: /live, port: http}}
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: bench}
spec:
  selector: {app.kubernetes.io/name: ${name}}
  ports: [{name: http, port: 80, targetPort: http}]
`;
}

const apps = (n) => Array.from({ length: n }, (_, i) => app(i)).join('---\n');

function nodes(n) {
  return Array.from(
    { length: n },
    (_, i) => `apiVersion: v1
kind: Node
metadata:
  name: node-${String(i).padStart(4, '0')}
  labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${'abc'[i % 3]}}
status:
  allocatable: {cpu: "16", memory: 64Gi, pods: "110"}
`,
  ).join('---\n');
}

const configMaps = (n) =>
  Array.from(
    { length: n },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v\n`,
  ).join('---\n');
/** A ConfigMap of exactly `bytes` bytes, one long string value. */
function bigString(bytes) {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "';
  return `${head}${'x'.repeat(bytes - head.length - 2)}"\n`;
}
const deep = (n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const laughs = () =>
  [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n') + '\n';

// ---------------------------------------------------------------------------------------------------------------
// Timing

function measure(fn, reps) {
  const times = [];
  let result;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const rows = [];
function bench(name, size, units, fn, reps) {
  reps ??= quick ? 1 : 3;
  const { ms, result } = measure(fn, reps);
  const count = typeof units === 'function' ? units(result) : units;
  rows.push([name, size, count, ms.toFixed(0), count ? ((ms * 1000) / count).toFixed(0) : '—']);
  process.stderr.write('.');
  return result;
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

for (const n of quick ? [100] : [100, 1000, 5000]) {
  const text = apps(n);
  bench(
    `lint: ${n} Deployments + Services, one file`,
    mib(text.length),
    2 * n,
    () => lintText(text, 'bench.yaml'),
    n > 1000 ? 1 : undefined,
  );
  bench(
    `  load only (YAML → objects)`,
    mib(text.length),
    2 * n,
    () => loadText(text, 'bench.yaml'),
    n > 1000 ? 1 : undefined,
  );
}
{
  const n = quick ? 1000 : 10_000;
  const text = configMaps(n);
  bench(`lint: ${n} ConfigMaps, one file`, mib(text.length), n, () => lintText(text, 'bench.yaml'));
}
{
  const text = bigString(10 * 2 ** 20);
  bench('lint: one 10 MiB string (exactly the limit)', mib(text.length), 1, () => lintText(text, 'bench.yaml'));
}
bench('lint: 10,000-deep flow nesting (rejected)', mib(deep(10_000).length), 1, () =>
  lintText(deep(10_000), 'bench.yaml'),
);
bench('lint: billion laughs (rejected)', `${laughs().length} B`, 1, () => lintText(laughs(), 'bench.yaml'));

if (planner) {
  const sizes = quick
    ? [[100, 10]]
    : [
        [100, 10],
        [1000, 100],
        [2000, 300],
      ];
  for (const [n, nodeCount] of sizes) {
    const manifests = loadText(apps(n), 'bench.yaml').manifests;
    const cluster = loadText(nodes(nodeCount), 'nodes.yaml').manifests;
    bench(`plan: ${n} Deployments × 3 replicas on ${nodeCount} nodes`, `${n * 3} pods`, 3 * n, () =>
      planner.plan(manifests, { cluster: { manifests: cluster, source: 'nodes.yaml' } }),
    );
  }
}

{
  // The largest workload a rollout is simulated for (2,000 replicas): 4,000 events with maxSurge 1 / maxUnavailable 0.
  const rollingDeployment = (image) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: prod}
spec:
  replicas: 2000
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - {name: api, image: '${image}', resources: {requests: {cpu: 1m, memory: 1Mi}}}
`;
  const before = loadText(rollingDeployment('api:1'), 'old.yaml').manifests;
  const after = loadText(rollingDeployment('api:2'), 'new.yaml').manifests;
  bench('rollout: 2,000 replicas, maxSurge 1 (the largest simulated)', '2000 pods', 4000, () =>
    api.planChanges(before, after),
  );
}
{
  // Config files are input too: an alias bomb in .kubeplan.yaml and a 900-character glob.
  const { parseConfigText, createPathFilter } = await import(pathToFileURL(path.join(DIST, 'config/index.js')).href);
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n');
  bench('config: alias bomb in .kubeplan.yaml (rejected)', `${bomb.length} B`, 1, () =>
    parseConfigText(bomb, '.kubeplan.yaml', { baseDir: '/r', knownRuleIds: [] }),
  );
  bench('config: 300 × `**/` include glob, 50-deep path', '901 B', 1, () =>
    createPathFilter({ include: ['**/'.repeat(300) + 'x'], exclude: ['*(a|a)*'], baseDir: '/r', cwd: '/r' })(
      `${'a/'.repeat(50)}x`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up and the planner at the envelope: separate processes (start-up is a process's life; peak RSS is per case)

const { spawnSync } = await import('node:child_process');
const { startupBreakdown } = await import('./startup-profile.js');
const { mkdtempSync, writeFileSync } = await import('node:fs');
const CLI = path.resolve(HERE, '../bundle/kubeplan.cjs');
const startRows = [];
let startProfileRows;
{
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-bench-'));
  const one = path.join(dir, 'one.yaml');
  writeFileSync(one, app(0));
  const runs = quick ? 5 : 21;
  // The CLI's code cache (src/cli/code-cache.ts) in a folder of its own, filled by one run of each command first;
  // "no code cache" is a first run (or KUBEPLAN_CACHE_DIR= ).
  const cacheDir = path.join(dir, 'cache');
  const cached = { ...process.env, KUBEPLAN_CACHE_DIR: cacheDir };
  const uncached = { ...process.env, KUBEPLAN_CACHE_DIR: '' };
  const cases = [
    ['bare `node -e 0`', ['-e', '0'], process.env],
    ['`kubeplan lint one.yaml` (bundle)', [CLI, 'lint', one], cached],
    ['`kubeplan plan one.yaml` (bundle)', [CLI, 'plan', one], cached],
    ['`kubeplan lint one.yaml` (bundle, no code cache)', [CLI, 'lint', one], uncached],
  ];
  for (const [, args, env] of cases) spawnSync(process.execPath, args, { stdio: 'ignore', env });
  const times = cases.map(() => []);
  // Interleaved, so a change in the machine's load hits every case alike.
  for (let i = 0; i < runs; i++)
    cases.forEach(([, args, env], c) => {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore', env });
      times[c].push(performance.now() - t0);
    });
  const pick = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];
  const bare = pick(times[0], 0.5);
  cases.forEach(([name], c) => {
    const med = pick(times[c], 0.5);
    const p95 = pick(times[c], 0.95);
    startRows.push([
      name,
      med.toFixed(0),
      p95.toFixed(0),
      (med / bare).toFixed(2) + '×',
      (p95 / pick(times[0], 0.95)).toFixed(2) + '×',
    ]);
  });
  startProfileRows = startupBreakdown([CLI, 'lint', one], cached, quick ? 3 : 7);
}
/** Runs a bench script in its own process (peak RSS is per case) for each size; its last stdout line is JSON. */
const SIZES = quick
  ? [[500, 150, 100]]
  : [
      [500, 150, 100],
      [5000, 1500, 100],
    ];
function runSized(script, row, failed) {
  return SIZES.map(([nodes, deployments, replicas]) => {
    const r = spawnSync(
      process.execPath,
      [path.join(HERE, script), String(nodes), String(deployments), String(replicas)],
      {
        encoding: 'utf8',
      },
    );
    process.stderr.write('.');
    try {
      return row(JSON.parse((r.stdout ?? '').trim().split('\n').pop()));
    } catch {
      return [`${nodes} nodes × ${deployments * replicas} pods`, ...failed];
    }
  });
}
const envelopeRows = runSized(
  'envelope.js',
  (m) => [`${m.nodes} nodes × ${m.pods} pods`, m.placed, m.planMs, m.peakRssMiB],
  ['failed', '—', '—'],
);
// A 10-replica rolling update on the same clusters: placing the old side (one plan) and the rollout itself.
const rolloutRows = runSized(
  'rollout-envelope.js',
  (m) => [`${m.nodes} nodes × ${m.pods} pods`, m.clusterMs, m.rolloutMs, m.steps, m.peakRssMiB],
  ['failed', '—', '—', '—'],
);

// ---------------------------------------------------------------------------------------------------------------
// The corpus

const corpus = await import(pathToFileURL(path.resolve(HERE, '../scripts/corpus.mjs')).href);
const root = corpus.corpusRoot();
let corpusRows = [];
if (!quick && existsSync(root)) {
  const { run } = await import(pathToFileURL(path.join(DIST, 'cli/main.js')).href);
  const t0 = performance.now();
  const report = await corpus.analyzeCorpus({ lint: api.lint, run }, root);
  const wall = performance.now() - t0;
  corpusRows = report.folders.map((f) => [
    f.name,
    f.files,
    f.objects,
    f.lintMs.toFixed(0),
    report.commands.length ? f.planMs.toFixed(0) : '—',
    f.objects ? ((f.lintMs * 1000) / f.objects).toFixed(0) : '—',
  ]);
  corpusRows.push([
    'total (wall)',
    report.folders.reduce((n, f) => n + f.files, 0),
    report.folders.reduce((n, f) => n + f.objects, 0),
    report.folders.reduce((n, f) => n + f.lintMs, 0).toFixed(0),
    report.commands.length ? report.folders.reduce((n, f) => n + f.planMs, 0).toFixed(0) : '—',
    `${wall.toFixed(0)} ms wall`,
  ]);
  corpusRows.commands = report.commands;
}
process.stderr.write('\n');

// Throughput (issue 14 §2): the corpus copied until it holds ≥ 20,000 documents; a bare `yaml` parse of those
// files, then lint with --jobs 1 and 2, each in its own process (peak RSS is the case's own).
const throughputRows = [];
if (existsSync(root)) {
  const { rmSync } = await import('node:fs');
  const script = path.join(HERE, 'throughput.js');
  const runCase = (...args) => {
    const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    process.stderr.write('.');
    try {
      return JSON.parse((r.stdout ?? '').trim().split('\n').pop());
    } catch {
      return undefined;
    }
  };
  const one = runCase('parse', root);
  const copies = one ? Math.max(1, Math.ceil((quick ? 2000 : 20000) / one.documents)) : 1;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-throughput-'));
  try {
    runCase('replicate', root, dir, String(copies));
    const parse = runCase('parse', dir);
    if (parse) {
      const perSecond = (ms) => Math.round((parse.documents * 1000) / ms);
      throughputRows.push([
        `bare yaml parseAllDocuments (corpus × ${copies})`,
        parse.documents,
        parse.ms,
        perSecond(parse.ms),
        '1.00×',
        parse.peakMiB,
      ]);
      for (const jobs of [1, 2]) {
        const lint = runCase('lint', dir, String(jobs));
        throughputRows.push(
          lint
            ? [
                `lint --jobs ${jobs}`,
                parse.documents,
                lint.ms,
                perSecond(lint.ms),
                (lint.ms / parse.ms).toFixed(2) + '×',
                lint.peakMiB,
              ]
            : [`lint --jobs ${jobs}`, 'failed', '—', '—', '—', '—'],
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The language server: didChange → publishDiagnostics (the 200 ms debounce included)

const lspRows = [];
{
  const { lspLatency } = await import(pathToFileURL(path.join(HERE, 'lsp.js')).href);
  const reps = quick ? 1 : 3;
  // About 2,000 lines: 65 Deployment + Service pairs (31 lines each).
  const twoThousand = apps(65);
  lspRows.push([
    'lsp: didChange → diagnostics, generated file',
    `${twoThousand.split('\n').length} lines`,
    (await lspLatency(DIST, twoThousand, reps)).toFixed(0),
  ]);
  const argo = path.resolve(HERE, '../../shared/corpus/real-world/argo-cd/manifests/install.yaml');
  if (!quick && existsSync(argo)) {
    const text = (await import('node:fs')).readFileSync(argo, 'utf8');
    lspRows.push([
      'lsp: didChange → diagnostics, argo-cd install.yaml',
      mib(text.length),
      (await lspLatency(DIST, text, reps)).toFixed(0),
    ]);
  } else if (!quick) lspRows.push(['lsp: argo-cd install.yaml', 'absent', '—']);
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function table(headers, body, right) {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (right.includes(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `kubeplan bench — node ${process.version}, ${os.cpus().length} × ${cpu}; median of ${quick ? 1 : 3} (1 for the largest inputs)\n\n`,
);
process.stdout.write(table(['case', 'size', 'objects', 'ms', 'µs/object'], rows, [2, 3, 4]) + '\n');
process.stdout.write('\n' + table(['language server', 'size', 'ms (incl. 200 ms debounce)'], lspRows, [2]) + '\n');
if (throughputRows.length)
  process.stdout.write(
    '\n' +
      table(
        ['lint throughput (own process each)', 'documents', 'ms', 'docs/s', '÷ parse', 'peak RSS MiB'],
        throughputRows,
        [1, 2, 3, 4, 5],
      ) +
      '\n',
  );
process.stdout.write(
  '\n' + table(['start-up', 'median ms', 'p95 ms', 'median ÷ bare', 'p95 ÷ bare'], startRows, [1, 2, 3, 4]) + '\n',
);
process.stdout.write(
  '\n' +
    table(
      ['`kubeplan lint one.yaml`: where the time goes (--cpu-prof, after node boots)', 'ms', 'share'],
      startProfileRows,
      [1, 2],
    ) +
    '\n',
);
process.stdout.write(
  '\n' +
    table(['planner at the envelope (plan(), own process)', 'placed', 'ms', 'peak RSS MiB'], envelopeRows, [1, 2, 3]) +
    '\n',
);
process.stdout.write(
  '\n' +
    table(
      ['10-replica rolling update (own process)', 'old side placed ms', 'rollout ms', 'steps', 'peak RSS MiB'],
      rolloutRows,
      [1, 2, 3, 4],
    ) +
    '\n',
);
if (!planner) process.stdout.write('\nplan: the planner is not built yet (dist/src/plan/index.js)\n');
if (corpusRows.length) {
  process.stdout.write(
    `\ncorpus (${root}): lint() per unit${corpusRows.commands.length ? `, CLI ${corpusRows.commands.join(' + ')} per unit` : ''}\n`,
  );
  process.stdout.write(
    table(
      ['folder', 'files', 'objects', 'lint ms', `${corpusRows.commands.join('+') || 'plan'} ms`, 'lint µs/object'],
      corpusRows,
      [1, 2, 3, 4, 5],
    ) + '\n',
  );
} else if (!quick) {
  process.stdout.write(`\ncorpus: not found at ${root} (set KUBEPLAN_CORPUS)\n`);
}
