/**
 * `--jobs`: files read by worker threads (bundle/load-worker.cjs) must give the same report, byte for byte, as one
 * thread: the same findings at the same positions, the same manifests located the same way, in the same order.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../../scripts/corpus.mjs';
import { lint, lintParallel } from '../../src/lint.js';
import { loadPlanFile, planLoad } from '../../src/load/index.js';
import { loadFilesInWorkers, MIN_BYTES_FOR_WORKERS, MIN_FILES_FOR_WORKERS } from '../../src/load/parallel.js';
import { runCli } from '../cli/run-cli.js';

/** A folder of `count` files mixing what the loader and the cross-object rules care about. */
function fixtureTree(count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kubeplan-jobs-'));
  mkdirSync(path.join(root, 'sub'));
  for (let i = 0; i < count; i++) {
    const name = path.join(i % 3 === 0 ? 'sub' : '.', `f${String(i).padStart(3, '0')}.yaml`);
    const variants = [
      // A Deployment whose Service (next file) selects it, and whose ConfigMap is missing.
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}}\nspec:\n  selector: {matchLabels: {app: a${i}}}\n  template:\n    metadata: {labels: {app: a${i}}}\n    spec:\n      containers:\n        - name: c\n          image: nginx:latest\n          envFrom: [{configMapRef: {name: missing${i}}}]\n`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: svc${i}}\nspec:\n  selector: {app: a${i - 1}}\n  ports: [{port: 80, targetPort: web}]\n`,
      // Syntax error, duplicate key, YAML 1.1 octal, a List, a non-Kubernetes document, a merge key.
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "broken\n`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  name: dup2\ndata: {mode: 0755, on: yes}\n`,
      `apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: l${i}}}\n  - {apiVersion: v1, kind: Secret, metadata: {name: l${i}}, data: {k: "not base64!"}}\n`,
      `services:\n  web: {image: nginx}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after${i}}\n`,
      `base: &b {app: x}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels: {<<: *b, tier: web}\nspec:\n  containers:\n    -\n    - name: c\n      image: busybox\n`,
      // Suppressions and an exact duplicate of another file's object.
      `# kubeplan-disable-next-line latest-tag\napiVersion: v1\nkind: Pod\nmetadata: {name: dup-pod}\nspec:\n  containers: [{name: c, image: "nginx:latest"}]\n`,
    ];
    writeFileSync(path.join(root, name), variants[i % variants.length]!);
  }
  return root;
}

// These inputs are small: workers are made to start from 64 files whatever their size (the default waits for
// 16 MiB, where they start to pay on 2 cores), so every test here runs them. Test files run in processes of their own.
process.env.KUBEPLAN_PARALLEL_MIN_BYTES = '0';
afterAll(() => {
  delete process.env.KUBEPLAN_PARALLEL_MIN_BYTES;
});

describe('--jobs: files read in worker threads', () => {
  const root = fixtureTree(MIN_FILES_FOR_WORKERS + 16);

  it('the workers read every file as one thread does: findings, texts, manifests and their positions', async () => {
    const plan = planLoad(['.'], { cwd: root });
    const reading = loadFilesInWorkers(plan, 2);
    expect(reading).toBeDefined(); // enough files: workers are used
    const parallel = await reading!;
    const serial = plan.files.map((f) => loadPlanFile(plan, f));
    expect(parallel.length).toBe(serial.length);
    let located = 0;
    serial.forEach((s, i) => {
      const p = parallel[i]!;
      expect(p.findings).toEqual(s.findings);
      expect([...p.sources]).toEqual([...s.sources]);
      expect(p.skipped).toEqual(s.skipped);
      expect(p.manifests.map((m) => [m.file, m.docIndex, m.itemIndex, m.object, m.ref, m.basePath])).toEqual(
        s.manifests.map((m) => [m.file, m.docIndex, m.itemIndex, m.object, m.ref, m.basePath]),
      );
      s.manifests.forEach((m, j) => {
        for (const at of [
          [],
          ['metadata', 'name'],
          ['metadata', 'labels', 'app'],
          ['spec', 'containers', 0],
          ['nope'],
        ]) {
          expect(p.manifests[j]!.locate(at, 'key')).toEqual(m.locate(at, 'key'));
          expect(p.manifests[j]!.locate(at)).toEqual(m.locate(at));
          expect(p.manifests[j]!.scalarSource(at)).toEqual(m.scalarSource(at));
          located++;
        }
        expect(p.manifests[j]!.pathAt?.(3, 3)).toEqual(m.pathAt?.(3, 3));
      });
    });
    expect(located).toBeGreaterThan(100);
  });

  it('a worker that dies, at once or after claiming files, or never starts: its files are read here', async () => {
    const plan = planLoad(['.'], { cwd: root });
    const serial = plan.files.map((f) => loadPlanFile(plan, f));
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-bad-worker-'));
    const workers = {
      // Claims three files (as a real worker does, from the shared counter), replies for none, and crashes.
      crashes: [
        "const { workerData } = require('node:worker_threads');",
        'const next = new Int32Array(workerData.next);',
        'for (let i = 0; i < 3; i++) Atomics.add(next, 0, 1);',
        "throw new Error('worker bug');",
      ].join('\n'),
      exits: 'process.exit(7);',
      missing: undefined,
    };
    for (const [name, code] of Object.entries(workers)) {
      const file = path.join(dir, `${name}.cjs`);
      if (code !== undefined) writeFileSync(file, code);
      const reading = loadFilesInWorkers(plan, 3, { workerFile: file });
      expect(reading, name).toBeDefined();
      const results = await reading!;
      expect(
        results.map((r) => [r.findings, r.manifests.map((m) => m.object)]),
        name,
      ).toEqual(serial.map((r) => [r.findings, r.manifests.map((m) => m.object)]));
    }
  });

  it('few files, few bytes or one job: read on the calling thread', () => {
    expect(loadFilesInWorkers(planLoad(['sub/f000.yaml'], { cwd: root }), 4)).toBeUndefined();
    expect(loadFilesInWorkers(planLoad(['.'], { cwd: root }), 1)).toBeUndefined();
    process.env.KUBEPLAN_PARALLEL_MIN_BYTES = String(MIN_BYTES_FOR_WORKERS);
    try {
      expect(loadFilesInWorkers(planLoad(['.'], { cwd: root }), 4)).toBeUndefined();
    } finally {
      process.env.KUBEPLAN_PARALLEL_MIN_BYTES = '0';
    }
  });

  it('lintParallel gives lint()’s result', async () => {
    const single = lint(['.'], { cwd: root });
    const parallel = await lintParallel(['.'], { cwd: root, jobs: 3 });
    expect(single.findings.length).toBeGreaterThan(50);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.files).toEqual(single.files);
    expect(parallel.skipped).toEqual(single.skipped);
  });

  it('the CLI prints the same bytes for --jobs 1, 2 and 4, in every format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const outputs = await Promise.all(
        ['1', '2', '4'].map((jobs) => runCli(['lint', '.', '--format', format, '--jobs', jobs], { cwd: root })),
      );
      expect(outputs[0]!.code).toBe(1);
      for (const o of outputs) expect(o).toEqual(outputs[0]);
    }
  });

  it('plan and check too, also with --context (the pre-commit hook: the repository read as context)', async () => {
    for (const argv of [
      ['plan', '.', '--format', 'json'],
      ['check', '.', '--format', 'json'],
      ['check', 'sub/f000.yaml', '--context', '.'],
    ]) {
      const [one, two] = await Promise.all(['1', '2'].map((jobs) => runCli([...argv, '--jobs', jobs], { cwd: root })));
      expect(one!.stdout.length).toBeGreaterThan(100);
      expect(two).toEqual(one);
    }
  });

  it('--jobs takes a thread count from 1 to 64', async () => {
    for (const bad of ['0', '-1', 'two', '65', '1.5']) {
      const r = await runCli(['lint', '.', `--jobs=${bad}`], { cwd: root });
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--jobs expects a number of threads from 1 to 64');
    }
    expect((await runCli(['lint', '.', '-j', '2', '-q'], { cwd: root })).code).toBe(1);
  });

  const corpus = corpusRoot();
  it.skipIf(!existsSync(corpus))('the shared corpus: the same report with --jobs 1 and --jobs 2', async () => {
    const [one, two] = await Promise.all(
      ['1', '2'].map((jobs) => runCli(['lint', '.', '--format', 'json', '--jobs', jobs], { cwd: corpus })),
    );
    expect(JSON.parse(one!.stdout).findings.length).toBeGreaterThan(1000);
    expect(two).toEqual(one);
  });
});
