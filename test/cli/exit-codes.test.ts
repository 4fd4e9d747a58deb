/**
 * Exit codes as actionlint: 0 clean, 1 findings at the failing level, 2 usage error, 3 internal error; and the
 * command-line polish: did-you-mean, --output, missing --cluster, check's findings first.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kubeplan-exit-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

describe('exit codes', () => {
  it('0: no finding at the failing level (warnings alone do not fail)', async () => {
    expect((await runCli(['lint', 'ok.yaml'], { cwd: dir({ 'ok.yaml': CONFIGMAP }) })).code).toBe(0);
    // An untagged image is a warning (latest-tag), not an error.
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n';
    const r = await runCli(['lint', 'p.yaml', '--format', 'json'], { cwd: dir({ 'p.yaml': pod }) });
    expect(JSON.parse(r.stdout).findingsSummary.warnings).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it('1: an error-level finding, or more warnings than --max-warnings', async () => {
    expect((await runCli(['lint', '-'], { stdin: 'a: 1\na: 2\n' })).code).toBe(1);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n';
    expect((await runCli(['lint', 'p.yaml', '--max-warnings', '0'], { cwd: dir({ 'p.yaml': pod }) })).code).toBe(1);
  });

  it('2: usage errors', async () => {
    expect((await runCli(['lint', '--bogus'])).code).toBe(2);
    expect((await runCli(['lint'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['lint', 'x.yaml', '--rule', 'latest-tags=off'])).code).toBe(2);
    expect((await runCli(['lint', 'x.yaml', '--kube-version', '1.99'])).code).toBe(2);
    expect((await runCli(['plan', 'x.yaml', '--from', 'a', '--base', 'b'])).code).toBe(2);
  });

  it('3: an internal error (a crash outside the per-rule isolation), said plainly', async () => {
    let stderr = '';
    const io: CliIO = {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      // Reading stdin is the CLI's own code path, outside any rule: a throw here is what a kubeplan bug looks like.
      readStdin: () => {
        throw new Error('boom');
      },
      cwd: process.cwd(),
      env: {},
      isTTY: false,
    };
    expect(await run(['lint', '-'], io)).toBe(3);
    expect(stderr).toContain('kubeplan: internal error: boom');
    expect(stderr).not.toContain('    at ');
  });
});

describe('did-you-mean', () => {
  it('for an unknown command', async () => {
    expect((await runCli(['lnit', 'x.yaml'])).stderr).toContain('unknown command "lnit" (did you mean "lint"?)');
    // Nothing close: the list of commands instead.
    expect((await runCli(['frobnicate'])).stderr).toContain('expected one of: lint, plan, check');
  });

  it('for an unknown flag', async () => {
    expect((await runCli(['lint', 'x.yaml', '--fromat', 'json'])).stderr).toContain('(did you mean "--format"?)');
  });

  it('for an unknown --rule id', async () => {
    const r = await runCli(['lint', 'x.yaml', '--rule', 'latest-tags=off']);
    expect(r.stderr).toContain('--rule: unknown rule "latest-tags" (did you mean "latest-tag"?)');
  });
});

describe('--cluster', () => {
  it('a missing file is a usage error, not an empty cluster with every pod unschedulable', async () => {
    const d = dir({ 'ok.yaml': CONFIGMAP });
    for (const command of ['plan', 'check']) {
      const r = await runCli([command, 'ok.yaml', '--cluster', 'nodes.yaml'], { cwd: d });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('nodes.yaml');
      expect(r.stdout).toBe('');
    }
  });
});

describe('--output FILE', () => {
  it('writes the report to the file, nothing to stdout, with the same exit code', async () => {
    const d = dir({ 'bad.yaml': 'a: 1\na: 2\n' });
    const r = await runCli(['lint', 'bad.yaml', '--format', 'json', '--output', 'report.json'], { cwd: d });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(d, 'report.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('yaml/duplicate-key');
  });

  it('a file that cannot be written is a usage error', async () => {
    const d = dir({ 'ok.yaml': CONFIGMAP });
    const r = await runCli(['lint', 'ok.yaml', '-o', 'no/such/dir/out.txt'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output no/such/dir/out.txt: ENOENT');
  });
});

describe('check output order', () => {
  it('check prints the findings (and their summary) first, the plan after; plan keeps the plan first', async () => {
    const d = dir({ 'bad.yaml': 'a: 1\na: 2\n' });
    const checked = (await runCli(['check', 'bad.yaml'], { cwd: d })).stdout;
    expect(checked.indexOf('✖')).toBeGreaterThanOrEqual(0);
    expect(checked.indexOf('✖')).toBeLessThan(checked.indexOf('kubeplan plan'));
    const planned = (await runCli(['plan', 'bad.yaml'], { cwd: d })).stdout;
    expect(planned.indexOf('kubeplan plan')).toBeLessThan(planned.indexOf('✖'));
  });
});
