/** The fix engine: edits and their positions, applying fixes without conflicts, passes, files, diffs, encodings. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fix, TextEdit } from '../../src/core/types.js';
import { applyFixes, fix, fixDiff, fixText, writeFixedFiles } from '../../src/fix/index.js';
import { FixSource } from '../../src/fix/source.js';
import { loadConfigFor } from '../../src/api/config.js';
import { lint, lintText } from '../../src/lint.js';

const edit = (start: number, end: number, newText: string): TextEdit => ({
  start,
  end,
  newText,
  line: 1,
  column: start + 1,
  endLine: 1,
  endColumn: end + 1,
});
const fixOf = (...edits: TextEdit[]): Fix => ({ title: 't', edits });

describe('FixSource positions', () => {
  it('converts offsets and 1-based line/columns both ways, CRLF and astral characters included', () => {
    // "😀" is two UTF-16 code units, so the `:` after it is column 3 (as findings count columns).
    const source = new FixSource('a: 1\r\n😀: 2\r\nb: 3');
    expect(source.offsetAt(1, 1)).toBe(0);
    expect(source.offsetAt(2, 3)).toBe(8);
    expect(source.text[8]).toBe(':');
    expect(source.positionAt(8)).toEqual({ line: 2, column: 3 });
    expect(source.offsetAt(3, 4)).toBe(16);
    expect(source.offsetAt(4, 1)).toBeUndefined();
    expect(source.offsetAt(1, 0)).toBeUndefined();
    expect(source.eol).toBe('\r\n');
    expect(source.lineEnd(0)).toBe(4);
    expect(source.edit(6, 8, 'x')).toEqual({
      start: 6,
      end: 8,
      newText: 'x',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 3,
    });
  });
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes and skips one that overlaps a fix already taken', () => {
    const { text, applied } = applyFixes('abcdef', [
      fixOf(edit(0, 2, 'XY')),
      fixOf(edit(1, 3, 'no')),
      fixOf(edit(4, 4, '+'), edit(5, 6, 'F')),
    ]);
    expect(text).toBe('XYcd+eF');
    expect(applied.length).toBe(2);
  });

  it('treats two insertions at the same point as a conflict (their order would be a guess)', () => {
    const { text } = applyFixes('ab', [fixOf(edit(1, 1, '1')), fixOf(edit(1, 1, '2'))]);
    expect(text).toBe('a1b');
  });

  it('ignores a fix with an edit outside the text', () => {
    expect(applyFixes('ab', [fixOf(edit(1, 5, 'x'))]).text).toBe('ab');
  });
});

describe('fixes on findings', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  debug: on\n';

  it('are attached only when asked for, with edits in offsets and in lines/columns', () => {
    expect(lintText(text, 'c.yaml').findings.some((f) => f.fix)).toBe(false);
    const finding = lintText(text, 'c.yaml', { fixes: true }).findings.find(
      (f) => f.ruleId === 'schema/yaml11-scalar',
    )!;
    expect(finding.fix).toEqual({
      title: 'quote on as "on"',
      edits: [{ start: 66, end: 68, newText: '"on"', line: 6, column: 10, endLine: 6, endColumn: 12 }],
    });
    // 15 + 16 + 10 + 10 + 6 characters of the lines before, then 9 of "  debug: ".
    expect(text.slice(66, 68)).toBe('on');
  });

  it('stop after maxPasses rounds', () => {
    const workload =
      'apiVersion: apps/v1beta2\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  template:\n    metadata:\n      labels:\n        canary: yes\n    spec: {containers: [{name: a, image: a:1}]}\n';
    const once = fixText(workload, 'w.yaml', { maxPasses: 1 });
    expect(once.passes).toBe(1);
    // The selector's copy of `yes` is fixed only in the second pass: it is left, with its fix.
    const left = once.result.findings.filter((f) => f.ruleId === 'schema/yaml11-scalar');
    expect(left.map((f) => [f.line, f.fix?.title])).toEqual([[7, 'quote yes as "yes"']]);
  });
});

describe('fix() over files', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n';

  it('returns the fixed texts, writes them in their encoding, and lints what is left', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-fix-'));
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(path.join(dir, 'a.yaml'), Buffer.concat([bom, Buffer.from(cron)]));
    writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    const utf16 = Buffer.from(cron, 'utf16le');
    writeFileSync(path.join(dir, 'c.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]));

    const run = fix(['.'], { cwd: dir });
    expect(run.files.map((f) => f.file)).toEqual(['a.yaml', 'c.yaml']);
    expect(run.result.findings.filter((f) => f.ruleId === 'removed-api-version')).toEqual([]);
    expect(writeFixedFiles(run.files, dir)).toEqual({ written: ['a.yaml', 'c.yaml'], skipped: [] });
    const fixed = cron.replace('batch/v1beta1', 'batch/v1');
    expect(readFileSync(path.join(dir, 'a.yaml'))).toEqual(Buffer.concat([bom, Buffer.from(fixed)]));
    expect(readFileSync(path.join(dir, 'c.yaml'))).toEqual(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixed, 'utf16le')]),
    );
    expect(lint(['.'], { cwd: dir }).findings.filter((f) => f.ruleId === 'removed-api-version')).toEqual([]);
    expect(fix(['.'], { cwd: dir }).files).toEqual([]);
  });

  it('does not overwrite a file that changed since it was read, and never writes stdin', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-fix-'));
    writeFileSync(path.join(dir, 'a.yaml'), cron);
    const run = fix(['a.yaml', '-'], { cwd: dir, stdin: cron, stdinFilename: 'in.yaml' });
    expect(run.files.map((f) => [f.file, f.stdin])).toEqual([
      ['in.yaml', true],
      ['a.yaml', false],
    ]);
    writeFileSync(path.join(dir, 'a.yaml'), `${cron}# edited meanwhile\n`);
    expect(writeFixedFiles(run.files, dir)).toEqual({
      written: [],
      skipped: [{ file: 'a.yaml', reason: 'it changed on disk while kubeplan was fixing it' }],
    });
    expect(readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe(`${cron}# edited meanwhile\n`);
  });

  it('applies a loaded config like lint does: its rule settings; an invalid one applies nothing, its findings shown', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-fix-'));
    writeFileSync(path.join(dir, 'a.yaml'), cron);
    writeFileSync(path.join(dir, '.kubeplan.yaml'), 'rules:\n  removed-api-version: off\n');
    expect(fix(['a.yaml'], { cwd: dir, config: loadConfigFor(dir) }).files).toEqual([]);
    writeFileSync(path.join(dir, '.kubeplan.yaml'), 'rules:\n  removed-api-version: off\ncolour: blue\n');
    const run = fix(['a.yaml'], { cwd: dir, config: loadConfigFor(dir) });
    expect(run.files.map((f) => f.file)).toEqual(['a.yaml']);
    expect(run.result.findings.map((f) => f.ruleId)).toContain('config/invalid');
  });

  it('prints a unified diff of the changes', () => {
    const run = fixText(cron, 'k8s/cron.yaml');
    expect(fixDiff(run.files)).toBe(
      [
        '--- a/k8s/cron.yaml',
        '+++ b/k8s/cron.yaml',
        '@@ -1,4 +1,4 @@',
        '-apiVersion: batch/v1beta1',
        '+apiVersion: batch/v1',
        ' kind: CronJob',
        ' metadata: {name: c}',
        ' spec:',
        '',
      ].join('\n'),
    );
    expect(fixDiff([])).toBe('');
  });
});
