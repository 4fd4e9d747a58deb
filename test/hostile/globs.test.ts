/**
 * Hostile command-line globs (a CI workflow may pass paths from a pull request): brace bombs, 64 KiB patterns,
 * globstar and extglob nesting, many wildcards. Each is refused or matched quickly, with the exact finding,
 * and the other inputs of the run are still read.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { canary, HANG_GUARD, tree } from './helpers.js';

const dir = tree({
  'k8s/a/x.yaml': canary('ax'),
  'k8s/b/y.yaml': canary('by'),
  'k8s/c/z.yml': canary('cz'),
  'ok.yaml': canary('ok'),
});

/** Lints `pattern` next to ok.yaml; returns the input/* findings as [ruleId, message start] and the names read. */
function withCanary(pattern: string) {
  const r = lint([pattern, 'ok.yaml'], { cwd: dir });
  expect(r.manifests.map((m) => m.ref.name)).toContain('ok');
  return {
    input: r.findings.filter((f) => f.ruleId.startsWith('input/')).map((f) => [f.ruleId, f.message.slice(0, 40)]),
    names: r.manifests.map((m) => m.ref.name),
  };
}

describe('hostile command-line globs', () => {
  it.each([
    ['{a,b} sixteen times (65,536 patterns)', `k8s/${'{a,b}'.repeat(16)}*.yaml`],
    ['{a,b} a thousand times', `${'{a,b}'.repeat(1000)}`],
    ['a numeric range of 100,000', 'k8s/{1..100000}/*.yaml'],
    ['a 65 KiB pattern', `${'a'.repeat(65 * 1024)}*.yaml`],
    ['1,025 characters', `k8s/${'?'.repeat(1021)}*`],
  ])('%s is refused with input/bad-glob', { timeout: HANG_GUARD }, (_name, pattern) => {
    const { input, names } = withCanary(pattern);
    expect(input).toHaveLength(1);
    expect(input[0]![0]).toBe('input/bad-glob');
    expect(input[0]![1]).toMatch(/^glob ".*/);
    expect(names).toEqual(['ok']);
  });

  it.each([
    ['300 globstars', `${'**/'.repeat(300)}*.yaml`, ['ax', 'by']],
    // minimatch bounds extglob recursion (maxExtglobRecursion); the nesting costs nothing here
    ['extglobs nested four deep', 'k8s/+(+(+(+(a|b)|c)|d)|e)/*.yaml', ['ax', 'by']],
    ['extglobs nested two deep', 'k8s/+(+(a|b)|c)/*.y?(a)ml', ['ax', 'by', 'cz']],
    ['a thousand stars', `k8s/${'*'.repeat(1000)}/x.yaml`, ['ax']],
    ['two hundred character classes', `k8s/${'[a-z]'.repeat(200)}*`, []],
    ['a small brace set', 'k8s/{a,c}/*.{yaml,yml}', ['ax', 'cz']],
  ])('%s is matched quickly', { timeout: HANG_GUARD }, (_name, pattern, expected) => {
    const { input, names } = withCanary(pattern);
    expect(names.filter((n) => n !== 'ok').sort()).toEqual([...expected].sort());
    expect(input.map(([id]) => id)).toEqual(expected.length === 0 ? ['input/no-match'] : []);
  });
});
