/** `kubeplan lint --fix`, `--fix-dry-run` and `kubeplan rules <id>` through the CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../hostile/helpers.js';

const CRON =
  'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n' +
  '  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: a:1}]}}}}\n';
const FIXED = CRON.replace('batch/v1beta1', 'batch/v1');
// An error --fix cannot fix: an unknown field with no did-you-mean.
const UNFIXABLE = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ncolour: blue\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-cli-fix-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('kubeplan lint --fix', () => {
  it('writes the fixes, says how many, and reports and exits on what is left', async () => {
    const dir = folder({ 'cron.yaml': CRON });
    const r = await runCli(['lint', '--fix', '.', '--format', 'json'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'cron.yaml'), 'utf8')).toBe(FIXED);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('removed-api-version');
    expect(r.code).toBe(0);

    const again = await runCli(['lint', '--fix', 'cron.yaml'], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'cron.yaml'), 'utf8')).toBe(FIXED);
  });

  it('exits 1 when error findings are left after fixing', async () => {
    const dir = folder({ 'cron.yaml': CRON, 'svc.yaml': UNFIXABLE });
    const r = await runCli(['lint', '--fix', '.'], { cwd: dir });
    expect(r.stderr).toBe('kubeplan: fixed 1 finding in 1 file\n');
    expect(r.stdout).toContain('svc.yaml');
    expect(r.stdout).not.toContain('removed-api-version');
    expect(r.code).toBe(1);
  });

  it('prints the fixed stdin on stdout and the report on stderr', async () => {
    const r = await runCli(['lint', '--fix', '-', '--stdin-filename', 'k8s/cron.yaml'], { stdin: CRON });
    expect(r.stdout).toBe(FIXED);
    expect(r.stderr).toContain('kubeplan: fixed 1 finding in 1 file\n');
    expect(r.code).toBe(0);
    const clean = await runCli(['lint', '--fix', '-'], { stdin: FIXED });
    expect(clean.stdout).toBe(FIXED);
  });

  it('honours the config: a rule turned off is not fixed', async () => {
    const dir = folder({ 'cron.yaml': CRON, '.kubeplan.yaml': 'rules:\n  removed-api-version: off\n' });
    await runCli(['lint', '--fix', 'cron.yaml'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'cron.yaml'), 'utf8')).toBe(CRON);
  });
});

describe('kubeplan lint --fix-dry-run', () => {
  it('prints a unified diff, writes nothing, and reports what would be left on stderr', async () => {
    const dir = folder({ 'cron.yaml': CRON, 'svc.yaml': UNFIXABLE });
    const r = await runCli(['lint', '--fix-dry-run', '.'], { cwd: dir });
    expect(r.stdout).toBe(
      '--- a/cron.yaml\n+++ b/cron.yaml\n@@ -1,4 +1,4 @@\n-apiVersion: batch/v1beta1\n+apiVersion: batch/v1\n' +
        ' kind: CronJob\n metadata: {name: c}\n spec:\n',
    );
    expect(readFileSync(path.join(dir, 'cron.yaml'), 'utf8')).toBe(CRON);
    expect(r.stderr).toContain('svc.yaml');
    expect(r.stderr).not.toContain('removed-api-version');
    expect(r.code).toBe(1);
  });

  it('is a usage error with --fix, or with another command', async () => {
    expect((await runCli(['lint', '--fix', '--fix-dry-run', 'x.yaml'])).stderr).toContain(
      '--fix and --fix-dry-run cannot be used together',
    );
    const plan = await runCli(['plan', '--fix', 'x.yaml']);
    expect([plan.code, plan.stderr]).toEqual([2, expect.stringContaining('--fix and --fix-dry-run work with lint')]);
  });
});

describe('kubeplan rules <id>', () => {
  it("prints the rule's page, or a did-you-mean for an unknown id", async () => {
    const page = readFileSync('docs/rules/latest-tag.md', 'utf8').split('\n').slice(2).join('\n');
    expect(await runCli(['rules', 'latest-tag'])).toEqual({ code: 0, stdout: page, stderr: '' });
    const check = await runCli(['rules', 'yaml/duplicate-key']);
    expect(check.stdout.startsWith('# yaml/duplicate-key\n')).toBe(true);
    const typo = await runCli(['rules', 'latest-tga']);
    expect(typo).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kubeplan: unknown rule "latest-tga" (did you mean "latest-tag"?); `kubeplan rules` lists them\n',
    });
  });
});
