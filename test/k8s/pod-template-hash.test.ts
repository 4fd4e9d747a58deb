import { describe, expect, it } from 'vitest';
import {
  ALPHANUMS,
  computeHash,
  controllerRevisionHash,
  fnv32,
  fnv32a,
  NameGenerator,
  nameSuffix,
  safeEncodeString,
} from '../../src/k8s/pod-template-hash.js';

describe('hash', () => {
  it('FNV-1a and FNV-1 match the published test vectors', () => {
    // FNV test vectors (Landon Curt Noll): fnv1a32("") = 0x811c9dc5, fnv1a32("a") = 0xe40c292c, fnv1_32("a") = 0x050c5d7e
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
    expect(fnv32('a')).toBe(0x050c5d7e);
    expect(fnv32('foobar')).toBe(0x31f0b262);
  });

  it('SafeEncodeString maps digits through the alphabet: 0→4 … 9→f', () => {
    // '0' is code 48, 48 % 27 = 21 → ALPHANUMS[21] = '4'; '9' is 57 % 27 = 3 → 'f'
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(ALPHANUMS).toBe('bcdfghjklmnpqrstvwxz2456789');
  });

  it('pod-template-hash is deterministic, independent of key order, and uses only the digit alphabet', () => {
    const a = {
      metadata: { labels: { app: 'web', tier: 'fe' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    const b = {
      spec: { containers: [{ image: 'nginx', name: 'c' }] },
      metadata: { labels: { tier: 'fe', app: 'web' } },
    };
    const h = computeHash(a);
    expect(computeHash(b)).toBe(h);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    // the decimal FNV-1a sum of the canonical text, encoded
    expect(h).toBe(
      safeEncodeString(
        String(
          fnv32a(
            '{"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"containers":[{"image":"nginx","name":"c"}]}}',
          ),
        ),
      ),
    );
    expect(computeHash({ ...a, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } })).not.toBe(h);
  });

  it('a collision count changes the hash (8 little-endian bytes appended)', () => {
    const t = { spec: {} };
    const base = fnv32a('{"spec":{}}');
    const withCount = fnv32a(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), base);
    expect(computeHash(t, 1)).toBe(safeEncodeString(String(withCount)));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t, 0)).not.toBe(computeHash(t)); // a set count of 0 still writes 8 bytes
  });

  it('controller revision hash uses FNV-1 over the replace patch', () => {
    const h = controllerRevisionHash({ spec: {} });
    expect(h).toBe(safeEncodeString(String(fnv32('{"spec":{"template":{"$patch":"replace","spec":{}}}}'))));
  });

  it('pod-name suffixes are 5 characters of the alphabet, derived from the seed', () => {
    // derivation: base-27 digits of fnv32a("seed\nns\nprefix\nn"), least significant first
    let h = fnv32a('kubeplan\ndefault\nweb-abc-\n0');
    let expected = '';
    for (let i = 0; i < 5; i++) {
      expected += ALPHANUMS[h % 27];
      h = Math.floor(h / 27);
    }
    expect(nameSuffix('kubeplan', 'default', 'web-abc-', 0)).toBe(expected);
    const gen = new NameGenerator('kubeplan');
    const names = Array.from({ length: 200 }, () => gen.generate('default', 'web-abc-'));
    expect(names[0]).toBe(`web-abc-${expected}`);
    expect(new Set(names).size).toBe(200);
    for (const n of names) expect(n).toMatch(/^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new NameGenerator('other').generate('default', 'web-abc-')).not.toBe(names[0]);
  });

  it('generateName bases are cut at 58 characters', () => {
    const gen = new NameGenerator('s');
    const name = gen.generate('default', 'x'.repeat(70));
    expect(name.length).toBe(63);
    expect(name.startsWith('x'.repeat(58))).toBe(true);
  });
});
