import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('kubeplan CLI', () => {
  it('exits 0 on the examples', async () => {
    const r = await runCli(['lint', 'examples/']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^✔ no problems \(4 files, \d+ objects\)\n$/);
    expect(r.code).toBe(0);
  });

  it('exits 2 on usage errors, with a message', async () => {
    expect((await runCli(['lint', '--bogus'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
    expect((await runCli(['lint'])).stderr).toContain('no inputs given');
    expect((await runCli(['lint', 'x.yaml', '--rule', 'nope'])).code).toBe(2);
  });

  it('reads stdin with --stdin-filename and prints file:line:col', async () => {
    const r = await runCli(['lint', '-', '--stdin-filename', 'k8s/a.yaml'], { stdin: 'a: 1\na: 2\n' });
    expect(r.stdout).toContain('k8s/a.yaml:2:1 error    duplicate key');
    expect(r.code).toBe(1);
  });

  it('walks folders recursively for yaml/yml/json, sorted, and expands globs', async () => {
    const dir = tree({
      'b/x.yml': 'a: 1\na: 1\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "metadata": {}}',
      'notes.txt': 'a: [',
    });
    const r = await runCli(['lint', '.', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    const duplicates = out.findings.filter((f: { ruleId: string }) => f.ruleId === 'yaml/duplicate-key');
    expect(duplicates.map((f: { file: string; ruleId: string }) => [f.file, f.ruleId])).toEqual([
      ['b/x.yml', 'yaml/duplicate-key'],
      ['c.json', 'yaml/duplicate-key'],
    ]);
    expect(out.findingsSummary).toMatchObject({ files: 3 });
    expect(out.findings.some((f: { file: string }) => f.file === 'notes.txt')).toBe(false);
    const g = await runCli(['lint', '**/*.yml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(g.stdout).findingsSummary.files).toBe(1);
  });

  it('reports a missing input as a finding and keeps going', async () => {
    const dir = tree({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    const r = await runCli(['lint', 'ok.yaml', 'missing.yaml'], { cwd: dir });
    expect(r.stdout).toContain('missing.yaml:1:1 error    no such file or directory: missing.yaml  input/not-found');
    expect(r.code).toBe(1);
  });

  it('--quiet hides warnings and info; --max-warnings turns warnings into a failure', async () => {
    const r = await runCli(['lint', '-', '--quiet'], { stdin: '' });
    expect(r.stdout).not.toContain('input/empty');
    expect(r.code).toBe(0);
  });

  it('escapes ANSI escape sequences from manifests in text output', async () => {
    const r = await runCli(['lint', '-', '--stdin-filename', 'x.yaml'], { stdin: 'a: 2\na: "\u001b[31mred"\n' });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\u001b[31mred');
  });
});
