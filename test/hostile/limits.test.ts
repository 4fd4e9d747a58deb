/**
 * Resource limits on untrusted input: size, document count, nesting depth, alias expansion.
 * Each limit gives its own finding, at a fixed position, on every machine; the other documents and files are still read.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/load/index.js';
import { lint, lintText } from '../../src/lint.js';
import {
  HANG_GUARD,
  canary,
  jsonLoaderFindings,
  lintWithCanary,
  loaderFindings,
  runCli,
  sandwich,
  tree,
} from './helpers.js';

const MiB = 1024 * 1024;

/** A ConfigMap whose file is exactly `bytes` long (one long string value). */
function configMapOfSize(bytes: number): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "';
  const tail = '"\n';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

const flow = (depth: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}`;
/** Block sequences nest on one line: `- - - x`. */
const blockSeq = (depth: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${'- '.repeat(depth)}x`;
/** Block mappings need one more space of indentation per level. */
function blockMap(depth: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: deep}', 'data:'];
  for (let i = 1; i < depth; i++) lines.push(`${' '.repeat(i)}k:`);
  lines.push(`${' '.repeat(depth)}k: v`);
  return lines.join('\n');
}

describe('file size limit (default 10 MiB)', () => {
  it(
    'a 10 MiB file with a single 10 MB string is read; one byte more is input/too-large',
    { timeout: HANG_GUARD },
    () => {
      expect(DEFAULT_LIMITS.maxFileBytes).toBe(10 * MiB);
      const under = configMapOfSize(10 * MiB);
      const over = configMapOfSize(10 * MiB + 1);
      expect(Buffer.byteLength(under)).toBe(10 * MiB);
      const read = lintWithCanary({ 'under.yaml': under, 'over.yaml': over });
      expect(loaderFindings(read.findings)).toEqual([['input/too-large', 1, 1]]);
      expect(read.findings[0]!.file).toBe('over.yaml');
      expect(read.result.manifests.map((m) => m.ref.name)).toEqual(['big', 'canary']);
      expect((read.result.manifests[0]!.object.data as { blob: string }).blob.length).toBeGreaterThan(10 * MiB - 100);
    },
  );

  it('applies to text and stdin too, and --max-file-size lowers it', { timeout: HANG_GUARD }, async () => {
    expect(loaderFindings(lintText(configMapOfSize(10 * MiB + 1), 'x.yaml').findings)).toEqual([
      ['input/too-large', 1, 1],
    ]);
    const stdin = await runCli(['lint', '-', '--format', 'json', '--max-file-size', '1KiB'], {
      stdin: configMapOfSize(1025),
    });
    expect(jsonLoaderFindings(stdin.stdout)).toEqual([['input/too-large', 1]]);
    expect(stdin.code).toBe(1);
    const dir = tree({ 'a.yaml': configMapOfSize(2048), 'b.yaml': canary('b') });
    const files = await runCli(['lint', '.', '--format', 'json', '--max-file-size', '2000'], { cwd: dir });
    const out = JSON.parse(files.stdout);
    expect(jsonLoaderFindings(files.stdout, true)).toEqual([
      ['a.yaml', 'input/too-large'],
      ['b.yaml', 'yaml/duplicate-key'],
    ]);
    expect(out.findingsSummary.objects).toBe(1);
  });
});

describe('document count limit', () => {
  it('10,000 documents in one file are all read', { timeout: HANG_GUARD }, () => {
    const text = Array.from(
      { length: 10_000 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`,
    ).join('---\n');
    const r = lintText(text, 'many.yaml');
    expect(r.manifests).toHaveLength(10_000);
    expect(r.manifests[9_999]!.docIndex).toBe(9_999);
    expect(r.manifests[9_999]!.locate(['metadata', 'name'])).toMatchObject({ line: 9_999 * 5 + 4, column: 9 });
    expect(loaderFindings(r.findings)).toEqual([]);
  });

  it(
    '--max-documents: the documents past the limit are reported once, at the first one skipped',
    { timeout: HANG_GUARD },
    async () => {
      const text = [canary('a'), canary('b'), canary('c'), canary('d')].join('---\n');
      const r = await runCli(['lint', '-', '--format', 'json', '--max-documents', '2'], { stdin: text });
      const out = JSON.parse(r.stdout);
      expect(jsonLoaderFindings(r.stdout)).toEqual([
        ['yaml/duplicate-key', 5],
        ['yaml/duplicate-key', 11],
        ['input/too-many-documents', 13],
      ]);
      expect(out.findings.find((f: { ruleId: string }) => f.ruleId === 'input/too-many-documents').message).toBe(
        'file has 4 documents; only the first 2 are checked (raise with --max-documents)',
      );
      expect(out.findingsSummary.objects).toBe(2);
    },
  );
});

describe('nesting depth limit (default 200), checked before yaml composes the document', () => {
  it.each([
    ['flow, 1,000 deep', flow(1_000), 4],
    ['flow, 10,000 deep', flow(10_000), 4],
    ['block sequences, 1,000 deep', blockSeq(1_000), 5],
    ['block sequences, 10,000 deep', blockSeq(10_000), 5],
    ['block mappings, 1,000 deep', blockMap(1_000), 204],
  ])('%s: one input/too-deep at the start of the document', { timeout: HANG_GUARD }, (_name, text, deepLine) => {
    const { findings, result } = sandwich(text);
    expect(findings).toEqual([['input/too-deep', 1, 1]]);
    const finding = result.findings.find((f) => f.ruleId === 'input/too-deep')!;
    expect(finding.message).toBe(
      `document nests deeper than 200 levels (at line ${deepLine + 6}); not checked (raise with --max-depth)`,
    );
  });

  it('exactly at the limit is read, one deeper is not', { timeout: HANG_GUARD }, () => {
    // the document's mapping is level 1, so `data: [[…]]` with 199 brackets reaches level 200
    expect(sandwich(flow(199)).findings).toEqual([]);
    expect(sandwich(flow(200)).findings).toEqual([['input/too-deep', 1, 1]]);
    expect(sandwich(blockSeq(199)).findings).toEqual([]);
    expect(sandwich(blockSeq(200)).findings).toEqual([['input/too-deep', 1, 1]]);
  });

  it('--max-depth moves the limit', { timeout: HANG_GUARD }, async () => {
    const r = await runCli(['lint', '-', '--format', 'json', '--max-depth', '4'], {
      stdin: `${flow(3)}\n---\n${flow(4)}\n`,
    });
    const out = JSON.parse(r.stdout);
    expect(
      out.findings
        .filter((f: { ruleId: string }) => f.ruleId.startsWith('input/'))
        .map((f: { ruleId: string; line: number; column: number }) => [f.ruleId, f.line, f.column]),
    ).toEqual([['input/too-deep', 6, 1]]);
    expect(out.findingsSummary.objects).toBe(1);
  });

  it(
    'gives the same answer with a much smaller stack (the limit does not depend on the machine)',
    { timeout: 60_000 },
    () => {
      const script = [
        `import { loadText } from ${JSON.stringify(path.resolve('src/load/index.ts'))};`,
        `const brief = (t) => loadText(t, 'x.yaml').findings.map((f) => [f.ruleId, f.line, f.column, f.message]);`,
        `console.log(JSON.stringify([brief(${JSON.stringify(flow(10_000))}), brief(${JSON.stringify(flow(199))})]));`,
      ].join('\n');
      const run = (stack: number) =>
        JSON.parse(
          execFileSync(
            process.execPath,
            [`--stack-size=${stack}`, '--import', 'tsx', '--input-type=module', '-e', script],
            { encoding: 'utf8' },
          ),
        );
      const small = run(400);
      expect(small).toEqual([
        [
          [
            'input/too-deep',
            1,
            1,
            'document nests deeper than 200 levels (at line 4); not checked (raise with --max-depth)',
          ],
        ],
        [],
      ]);
      expect(run(4000)).toEqual(small);
    },
  );
});

describe('alias expansion limit (default 100)', () => {
  const fanOut = (n: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fan, labels: &l {a: b}}\ndata: [${Array(n).fill('*l').join(', ')}]`;

  it('--max-aliases lowers and raises the budget', { timeout: HANG_GUARD }, async () => {
    expect(sandwich(fanOut(50)).findings).toEqual([]);
    expect(sandwich(fanOut(150)).findings).toEqual([['input/alias-limit', 1, 1]]);
    expect(sandwich(fanOut(150), { limits: { maxAliasCount: 1000 } }).findings).toEqual([]);
    const r = await runCli(['lint', '-', '--format', 'json', '--max-aliases', '2'], { stdin: fanOut(3) });
    expect(jsonLoaderFindings(r.stdout)).toEqual([['input/alias-limit', 1]]);
    expect(r.code).toBe(1);
  });
});

describe('a directory of hostile files is read file by file', () => {
  it('one bad file of each kind does not stop the others', { timeout: HANG_GUARD }, () => {
    const dir = tree({
      'a-deep.yaml': flow(10_000),
      'b-big.yaml': configMapOfSize(10 * MiB + 1),
      'c-laughs.yaml': `a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`,
      'd-binary.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'e-ok.yaml': canary('ok'),
    });
    const r = lint(['.'], { cwd: dir });
    expect(r.findings.filter((f) => /^(yaml|input)\//.test(f.ruleId)).map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ['a-deep.yaml', 'input/too-deep', 1],
      ['b-big.yaml', 'input/too-large', 1],
      ['c-laughs.yaml', 'input/alias-limit', 1],
      ['d-binary.yaml', 'input/binary', 1],
      ['e-ok.yaml', 'yaml/duplicate-key', 5],
    ]);
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['ok']);
  });

  it.each(['lint', 'plan', 'check'])(
    'kubeplan %s on such a folder exits 1 (findings), never 2 (internal error)',
    { timeout: HANG_GUARD },
    async (command) => {
      const dir = tree({
        'a-deep.yaml': flow(10_000),
        'b-block.yaml': blockSeq(10_000),
        'c-laughs.yaml': `a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`,
        'd-cycle.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: *m\n',
        'e-binary.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
        'f-ok.yaml': canary('ok'),
      });
      for (const format of ['text', 'json']) {
        const r = await runCli([command, '.', '--format', format], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(1);
      }
    },
  );
});
