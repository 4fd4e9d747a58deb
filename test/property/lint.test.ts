/**
 * Property tests: mutated real manifests and random bytes never crash kubeplan, findings always point inside the
 * file, and the output does not depend on the run or on the order the files are given in.
 * Failures print fast-check's seed and the shrunk counterexample; replay with `{ seed, path }`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { lint, lintText } from '../../src/lint.js';
import { loadBytes } from '../../src/load/index.js';
import { runCli } from '../hostile/helpers.js';
import { GARBAGE, mutant, seeds } from './arbitraries.js';

const ALL = seeds();
const RUNS = 150;

/** The CLI commands that take inputs. */
const COMMANDS = ['lint', 'plan', 'check'];

/** Asserts that a finding's range is a real range of `text` (1-based lines and columns, end not before start). */
function expectInside(f: Finding, text: string): void {
  const lines = text.split('\n');
  const where = `${f.ruleId} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  for (const [line, column] of [
    [f.line, f.column],
    [f.endLine, f.endColumn],
  ] as const) {
    expect(Number.isInteger(line) && line >= 1 && line <= lines.length, `${where}: line inside the file`).toBe(true);
    expect(
      Number.isInteger(column) && column >= 1 && column <= lines[line - 1]!.length + 1,
      `${where}: column inside the line`,
    ).toBe(true);
  }
  expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), `${where}: end after start`).toBe(
    true,
  );
  expect(typeof f.message === 'string' && f.message.length > 0, `${where}: a message`).toBe(true);
}

describe('lint on mutated real manifests', () => {
  it('has seeds to mutate', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(8);
    for (const seed of ALL) expect(lintText(seed.text, seed.name).manifests.length, seed.name).toBeGreaterThan(0);
  });

  it(
    'never throws; every finding lies inside the file; a second run gives the same findings',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(mutant(ALL), (m) => {
          const first = lintText(m.text, 'm.yaml');
          for (const f of first.findings) {
            expect(f.file).toBe('m.yaml');
            expectInside(f, m.text);
          }
          expect(lintText(m.text, 'm.yaml').findings).toEqual(first.findings);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it(
    'with tiny limits, the limit findings (depth, aliases, documents) also lie inside the file',
    { timeout: 60_000 },
    () => {
      const limits = { maxDepth: 4, maxAliasCount: 2, maxDocuments: 2 };
      const fired = new Set<string>();
      fc.assert(
        fc.property(mutant(ALL), (m) => {
          const r = lintText(m.text, 'm.yaml', { limits });
          for (const f of r.findings) {
            if (f.ruleId.startsWith('input/')) fired.add(f.ruleId);
            expectInside(f, m.text);
          }
        }),
        { numRuns: RUNS },
      );
      // the property exercised what it is about
      expect([...fired].sort()).toEqual(expect.arrayContaining(['input/too-deep', 'input/too-many-documents']));
    },
  );

  it('text built from YAML-breaking tokens never throws and stays in range', { timeout: 60_000 }, () => {
    const garbage = fc
      .array(fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 3 })), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(garbage, (text) => {
        for (const f of lintText(text, 'g.yaml').findings) expectInside(f, text);
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes are decoded or rejected, never thrown on', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = loadBytes(bytes, 'b.yaml');
        const text = r.sources.get('b.yaml');
        if (text === undefined) expect(r.findings.map((f) => [f.line, f.column])).toEqual([[1, 1]]);
        else for (const f of r.findings) expectInside(f, text);
      }),
      { numRuns: RUNS },
    );
  });
});

describe(`the CLI (${COMMANDS.join(', ')}) on any file input`, () => {
  it('never exits with an internal error (exit code 2) and prints nothing on stderr', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-prop-cli-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        mutant(ALL),
        fc.constantFrom(...COMMANDS),
        fc.constantFrom('text', 'json'),
        async (m, command, format) => {
          const file = `m${n++}.yaml`;
          writeFileSync(path.join(dir, file), m.text);
          const r = await runCli([command, file, '--format', format], { cwd: dir });
          expect(r.stderr).toBe('');
          expect([0, 1]).toContain(r.code);
          if (format === 'json') expect(() => JSON.parse(r.stdout)).not.toThrow();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('determinism across runs and input order', () => {
  it('the same files in any order give byte-identical output', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutant(ALL), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...COMMANDS),
        async (mutants, command) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-prop-order-'));
          const files = mutants.map((m, i) => {
            writeFileSync(path.join(dir, `f${i}.yaml`), m.text);
            return `f${i}.yaml`;
          });
          const forward = lint(files, { cwd: dir });
          const backward = lint([...files].reverse(), { cwd: dir });
          const folder = lint(['.'], { cwd: dir });
          expect(backward.findings).toEqual(forward.findings);
          // A folder walk skips documents that are not Kubernetes objects (listed with --verbose); a named file warns.
          expect(folder.findings).toEqual(forward.findings.filter((f) => f.ruleId !== 'input/not-kubernetes'));
          const a = await runCli([command, ...files, '--format', 'json'], { cwd: dir });
          const b = await runCli([command, ...[...files].reverse(), '--format', 'json'], { cwd: dir });
          expect(b.stdout).toBe(a.stdout);
          expect(b.code).toBe(a.code);
        },
      ),
      { numRuns: 40 },
    );
  });
});
