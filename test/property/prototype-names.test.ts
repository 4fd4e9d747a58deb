/**
 * Input strings that a plain `{}` or a GitHub log would read as something else: prototype member names
 * (`constructor`, `__proto__`, …) and workflow commands (`::error::x`, `##[warning]x`) put in place of the keys and
 * values of real manifests — as kinds, names, namespaces, label keys, priority classes — on the new and on the old
 * side of `--from`. lint, plan and check never crash on them (exit 0 or 1, nothing on stderr, valid JSON).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../hostile/helpers.js';
import { PROTOTYPE_NAMES, WORKFLOW_COMMANDS, seeds } from './arbitraries.js';

const ALL = seeds();
const TOKENS = [...PROTOTYPE_NAMES, ...WORKFLOW_COMMANDS];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Place {
  parent: Json[] | { [k: string]: Json };
  key: string | number;
  onKey: boolean;
}

/** Every mapping key and every scalar value of `root`, in a fixed order; iterative. */
function places(root: Json): Place[] {
  const out: Place[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((v, i) =>
        v !== null && typeof v === 'object' ? stack.push(v) : out.push({ parent: node, key: i, onKey: false }),
      );
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node, key: k, onKey: true });
        if (v !== null && typeof v === 'object') stack.push(v);
        else out.push({ parent: node, key: k, onKey: false });
      }
    }
  }
  return out;
}

/** Replaces the key or value at each chosen place with a token; `__proto__` becomes an own key, as yaml reads it. */
function substitute(text: string, picks: Array<{ at: number; token: string }>): string {
  const docs = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as Json);
  for (const { at, token } of picks) {
    const all = places(docs);
    if (all.length === 0) break;
    const { parent, key, onKey } = all[at % all.length]!;
    if (Array.isArray(parent)) parent[key as number] = token;
    else if (onKey) {
      const value = parent[key as string]!;
      delete parent[key as string];
      Object.defineProperty(parent, token, { value, enumerable: true, writable: true, configurable: true });
    } else parent[key as string] = token;
  }
  return docs.map((d) => stringify(d, { version: '1.1' })).join('---\n');
}

const hostile = fc.record({
  seed: fc.nat({ max: ALL.length - 1 }),
  picks: fc.array(fc.record({ at: fc.nat(), token: fc.constantFrom(...TOKENS) }), { minLength: 1, maxLength: 4 }),
});

async function expectClean(argv: string[], cwd: string): Promise<void> {
  const r = await runCli([...argv, '--format', 'json'], { cwd });
  expect(r.stderr, argv.join(' ')).toBe('');
  expect([0, 1], argv.join(' ')).toContain(r.code);
  expect(() => JSON.parse(r.stdout)).not.toThrow();
}

describe('prototype names and workflow commands as keys and values', () => {
  it(
    'every prototype name as a kind: lint, plan and check exit 0/1, new side and old side',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-proto-kind-'));
      for (const name of PROTOTYPE_NAMES) {
        const file = `${name}.yaml`;
        writeFileSync(
          path.join(dir, file),
          `apiVersion: apps/v1\nkind: ${name}\nmetadata: {name: x, namespace: ${name}, labels: {${name}: ${name}}}\nspec: {replicas: 2}\n`,
        );
        for (const command of ['lint', 'plan', 'check']) await expectClean([command, file], dir);
        writeFileSync(path.join(dir, 'seed.yaml'), ALL[0]!.text);
        await expectClean(['check', 'seed.yaml', '--from', file], dir);
        await expectClean(['check', file, '--from', 'seed.yaml'], dir);
      }
    },
  );

  it('anywhere in real manifests: lint, plan, check and check --from never crash', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-proto-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async ({ seed, picks }) => {
        const file = `h${n++}.yaml`;
        const original = `o${n}.yaml`;
        writeFileSync(path.join(dir, file), substitute(ALL[seed]!.text, picks));
        writeFileSync(path.join(dir, original), ALL[seed]!.text);
        for (const command of ['lint', 'plan', 'check']) await expectClean([command, file], dir);
        await expectClean(['check', original, '--from', file], dir);
        await expectClean(['check', file, '--from', original], dir);
      }),
      { numRuns: 60 },
    );
  });
});
