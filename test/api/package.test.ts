/**
 * The package as users get it: built, imported by its name ("kubeplan", through package.json "exports"), with
 * types. Node resolves a package's own name from inside it (package self-reference), so a script in this
 * repository can `import … from 'kubeplan'` and get dist/src/index.js, exactly what `npm install kubeplan` gives.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

const TSC = 'node_modules/typescript/bin/tsc';

describe('the kubeplan package, imported by name', () => {
  let out: Record<string, any>;
  beforeAll(() => {
    // Build first, so the test runs the current code and never a stale dist/ (about 4 s).
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { stdio: 'pipe' });
    out = JSON.parse(execFileSync(process.execPath, ['test/fixtures/api-consumer/run.mjs'], { encoding: 'utf8' }));
  }, 120_000);

  it('maps "." to the built entry point with its types', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    // The code is the committed bundle (installs build nothing); declarations come from `npm run compile` (not shipped yet).
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './bundle/index.js' });
    expect(pkg.bin.kubeplan).toBe('bundle/kubeplan.cjs');
  });

  it('exports the pipeline, the config loader and the renderers', () => {
    for (const name of ['lint', 'lintText', 'plan', 'check', 'planChanges', 'loadConfigFor', 'render', 'RENDERERS'])
      expect(out.exports).toContain(name);
  });

  it('lint reads folders relative to cwd; a config from loadConfigFor turns a rule off', () => {
    expect(out.lint.files).toEqual(['k8s/new.yaml']);
    // The Deployment's container has no resources at all: missing-cpu-request fires, until the config turns it off.
    expect(out.lint.ids).toContain('missing-cpu-request');
    expect(out.configured.file).toMatch(/\.kubeplan\.yaml$/);
    expect(out.configured.ids).not.toContain('missing-cpu-request');
    expect(out.configured.ids).toContain('missing-memory-limit');
  });

  it('lintText reports a duplicate key at its line and column', () => {
    expect(out.lintText).toContainEqual(['yaml/duplicate-key', 2, 1, 'error']);
  });

  it('plan takes inputs or loaded manifests: 2 replicas on the 3-node default cluster are 2 scheduled pods', () => {
    expect(out.plan.summary).toEqual({ pods: 2, scheduled: 2, unschedulable: 0 });
    expect(out.plan.findings).toEqual([]);
    expect(out.planManifests).toEqual({ pods: 2, scheduled: 2, unschedulable: 0 });
  });

  it('check with from: lint findings (config applied), the image change and its rollout', () => {
    expect(out.check.ids).toContain('run-as-non-root');
    expect(out.check.ids).not.toContain('missing-cpu-request');
    expect(out.check.changes).toEqual([['Deployment', 'web', 'changed']]);
    expect(out.check.rollouts).toBe(1);
    expect(out.planChanges).toBe(1);
    const json = JSON.parse(out.renderedCheck);
    expect(json.changes).toHaveLength(1);
    expect(json.pods).toHaveLength(2);
  });

  it('every renderer draws the same findings', () => {
    expect(out.rendered.text).toContain('k.yaml:2:1 error');
    expect(JSON.parse(out.rendered.json).findings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      'yaml/duplicate-key',
    );
    const sarif = JSON.parse(out.rendered.sarif);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(out.rendered.github).toContain('::error file=k.yaml,line=2,col=1');
  });

  it('type-checks a TypeScript consumer against the built declarations', () => {
    // test/fixtures/api-consumer/consumer.ts uses every function with its types, and expects an unknown format to fail.
    expect(() =>
      execFileSync(process.execPath, [TSC, '-p', 'test/fixtures/api-consumer/tsconfig.json'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('the CLI ends quietly when the reader closes the pipe (kubeplan plan … | head)', async () => {
    const child = spawn(process.execPath, ['dist/src/cli/bin.js', 'plan', 'examples/'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Close our end before kubeplan writes: its first write gets EPIPE, as under `| head -0`.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    // The examples plan cleanly: the exit code is the run's own, 0.
    expect(code).toBe(0);
  });
});
