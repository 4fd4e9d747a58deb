/**
 * Hostile file trees: unreadable files and folders, symlink loops, symlinks leaving the tree, odd file names.
 * Symlinks out of the tree are reported and never followed; names never reach the terminal raw.
 */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { canary, HANG_GUARD, loaderFindings, runCli, tree } from './helpers.js';

const isRoot = process.getuid?.() === 0;
const restore: Array<() => void> = [];
afterEach(() => {
  while (restore.length > 0) restore.pop()!();
});

/** [file, ruleId, severity] of the input/* findings. */
const inputFindings = (r: ReturnType<typeof lint>) =>
  r.findings.filter((f) => f.ruleId.startsWith('input/')).map((f) => [f.file, f.ruleId, f.severity]);

describe('unreadable files and folders', () => {
  it('a file without read permission is reported; the rest of the folder is read', { timeout: HANG_GUARD }, () => {
    const dir = tree({ 'a.yaml': canary('a'), 'locked.yaml': canary('locked'), 'z.yaml': canary('z') });
    chmodSync(path.join(dir, 'locked.yaml'), 0o000);
    restore.push(() => chmodSync(path.join(dir, 'locked.yaml'), 0o644));
    const r = lint(['.'], { cwd: dir });
    const names = r.manifests.map((m) => m.ref.name);
    expect(names).toContain('a');
    expect(names).toContain('z');
    // root reads any file, so only an ordinary user sees the permission error
    if (!isRoot) {
      expect(inputFindings(r)).toEqual([['locked.yaml', 'input/unreadable', 'error']]);
      expect(r.findings.find((f) => f.ruleId === 'input/unreadable')!.message).toBe('cannot read file: EACCES');
      expect(names).toEqual(['a', 'z']);
    } else {
      expect(names).toEqual(['a', 'locked', 'z']);
    }
  });

  it('a folder without read permission is reported; its siblings are read', { timeout: HANG_GUARD }, () => {
    const dir = tree({ 'a.yaml': canary('a'), 'locked/b.yaml': canary('b') });
    chmodSync(path.join(dir, 'locked'), 0o000);
    restore.push(() => chmodSync(path.join(dir, 'locked'), 0o755));
    const r = lint(['.'], { cwd: dir });
    expect(r.manifests.map((m) => m.ref.name)).toContain('a');
    // root reads any folder, so only an ordinary user sees the permission error
    if (!isRoot) expect(inputFindings(r)).toEqual([['locked', 'input/unreadable', 'error']]);
    else expect(r.manifests.map((m) => m.ref.name).sort()).toEqual(['a', 'b']);
  });

  it(
    'a path that is not a regular file or folder (a FIFO-like missing input) is input/not-found',
    { timeout: HANG_GUARD },
    () => {
      const dir = tree({ 'a.yaml': canary('a') });
      const r = lint(['a.yaml', 'nope.yaml', 'nope/'], { cwd: dir });
      expect(inputFindings(r)).toEqual([
        ['nope.yaml', 'input/not-found', 'error'],
        ['nope/', 'input/not-found', 'error'],
      ]);
      expect(r.manifests.map((m) => m.ref.name)).toEqual(['a']);
    },
  );
});

describe('symbolic links', () => {
  it('a link back to an ancestor folder is a loop: reported once, not followed', { timeout: HANG_GUARD }, () => {
    const dir = tree({ 'a.yaml': canary('a'), 'sub/b.yaml': canary('b') });
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    symlinkSync('.', path.join(dir, 'self'));
    const r = lint(['.'], { cwd: dir });
    expect(inputFindings(r)).toEqual([
      ['self', 'input/symlink-loop', 'warning'],
      ['sub/up', 'input/symlink-loop', 'warning'],
    ]);
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['a', 'b']);
  });

  it('links that point at each other, and a dangling link, are reported', { timeout: HANG_GUARD }, () => {
    const dir = tree({ 'a.yaml': canary('a') });
    symlinkSync('x.yaml', path.join(dir, 'y.yaml'));
    symlinkSync('y.yaml', path.join(dir, 'x.yaml'));
    symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    const r = lint(['.'], { cwd: dir });
    expect(inputFindings(r)).toEqual([
      ['dangling.yaml', 'input/broken-symlink', 'warning'],
      ['x.yaml', 'input/symlink-loop', 'warning'],
      ['y.yaml', 'input/symlink-loop', 'warning'],
    ]);
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['a']);
  });

  it(
    'links leaving the tree (a file, a folder, /etc/passwd) are reported and never read',
    { timeout: HANG_GUARD },
    () => {
      const outside = tree({ 'secret.yaml': canary('outside-file'), 'dir/other.yaml': canary('outside-dir') });
      const dir = tree({ 'a.yaml': canary('a'), 'inner/b.yaml': canary('b') });
      symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'secret.yaml'));
      symlinkSync(path.join(outside, 'dir'), path.join(dir, 'inner', 'escape'));
      symlinkSync('/etc/passwd', path.join(dir, 'passwd.yaml'));
      symlinkSync('../../', path.join(dir, 'inner', 'parent'));
      // a link that stays inside is followed
      symlinkSync('inner/b.yaml', path.join(dir, 'b-link.yaml'));
      const r = lint(['.'], { cwd: dir });
      expect(inputFindings(r)).toEqual([
        ['inner/escape', 'input/symlink-outside', 'warning'],
        ['inner/parent', 'input/symlink-outside', 'warning'],
        ['passwd.yaml', 'input/symlink-outside', 'warning'],
        ['secret.yaml', 'input/symlink-outside', 'warning'],
      ]);
      expect(r.manifests.map((m) => `${m.file}:${m.ref.name}`)).toEqual([
        'a.yaml:a',
        'b-link.yaml:b',
        'inner/b.yaml:b',
      ]);
      expect([...r.sources.keys()].some((f) => f.includes('passwd') || f.includes('secret'))).toBe(false);
    },
  );

  it('globs walk the same way: links out of the glob base are not followed', { timeout: HANG_GUARD }, () => {
    const outside = tree({ 'x.yaml': canary('outside') });
    const dir = tree({ 'k8s/a.yaml': canary('a') });
    symlinkSync(outside, path.join(dir, 'k8s', 'out'));
    const r = lint(['k8s/**/*.yaml'], { cwd: dir });
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['a']);
    expect(inputFindings(r)).toEqual([['k8s/out', 'input/symlink-outside', 'warning']]);
  });
});

describe('file names that could fool a terminal', () => {
  const evil = 'evil\u001b[31mred\u001b]8;;https:x\u0007link\u0007.yaml';

  it(
    'ANSI escapes in file names and values are shown escaped in text output, and kept exact in JSON',
    { timeout: HANG_GUARD },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-names-'));
      writeFileSync(
        path.join(dir, evil),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\\e[2Jb"\n  name: "\\e]0;title\\a"\n',
      );
      const text = await runCli(['lint', '.', '--no-color'], { cwd: dir });
      expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(text.stdout).toContain('evil\\u001b[31mred\\u001b]8;;https:x\\u0007link\\u0007.yaml:5:3 error');
      const json = await runCli(['lint', '.', '--format', 'json'], { cwd: dir });
      expect(JSON.parse(json.stdout).findings[0].file).toBe(evil);
      expect(json.code).toBe(1);
    },
  );

  it('raw control characters in the YAML source never reach the code frame', { timeout: HANG_GUARD }, async () => {
    const r = await runCli(['lint', '-', '--no-color'], {
      stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: "\u001b[2J\u009b31m"\n',
    });
    expect(r.stdout).toContain('5 |   name: "\\u001b[2J\\u009b31m"');
    expect(r.stdout).not.toMatch(/[\u001b\u009b]/);
  });

  it.each(['lint', 'plan', 'check'])(
    'escape sequences in names, labels and images never reach the terminal raw (%s, text output)',
    { timeout: HANG_GUARD },
    async (command) => {
      const text = [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: "web\\e[2J", namespace: "ns\\e[31m", labels: {a: "\\e]0;title\\a"}}',
        'spec:',
        '  replicas: 1',
        '  selector: {matchLabels: {a: "\\e]0;title\\a"}}',
        '  template:',
        '    metadata: {labels: {a: "\\e]0;title\\a"}}',
        '    spec:',
        '      nodeSelector: {"k\\e[1m": v}',
        '      containers: [{name: "c\\e[2J", image: "img\\e[5m:1"}]',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: "svc\\e[2J"}',
        'spec: {selector: {a: "\\e]0;title\\a"}, ports: [{port: 80}]}',
        '',
      ].join('\n');
      const r = await runCli([command, '-', '--no-color'], { stdin: text });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('\\u001b[2J');
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    },
  );

  it('--stdin-filename with escapes is shown escaped', { timeout: HANG_GUARD }, async () => {
    const r = await runCli(['lint', '-', '--no-color', '--stdin-filename', 'x\u001b[2J.yaml'], { stdin: canary('s') });
    expect(r.stdout).toContain('x\\u001b[2J.yaml:5:3');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('unicode and spaces in names are fine', { timeout: HANG_GUARD }, () => {
    const dir = tree({ 'ünï cödé/ファイル name.yaml': canary('u') });
    const r = lint(['.'], { cwd: dir });
    expect(loaderFindings(r.findings)).toEqual([['yaml/duplicate-key', 5, 3]]);
    expect(r.findings[0]!.file).toBe('ünï cödé/ファイル name.yaml');
  });
});

describe('a deep folder tree', () => {
  it('200 nested folders are walked without recursion', { timeout: HANG_GUARD }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-deepdir-'));
    let p = dir;
    for (let i = 0; i < 200; i++) p = path.join(p, 'd');
    mkdirSync(p, { recursive: true });
    writeFileSync(path.join(p, 'x.yaml'), canary('bottom'));
    const r = lint(['.'], { cwd: dir });
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['bottom']);
  });
});
