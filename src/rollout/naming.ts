/**
 * Deterministic names used until (or unless) the planner supplies its own: the ReplicaSet hash suffix,
 * the StatefulSet revision name and pod name suffixes. Same alphabet and shape as Kubernetes
 * (`controller.ComputeHash` → `rand.SafeEncodeString`; apiserver `names.SimpleNameGenerator`).
 */

/** `rand.alphanums`: vowels and lookalikes removed. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a over the UTF-8 bytes of `text` (the hash family `ComputeHash` uses). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `rand.SafeEncodeString`: each character c becomes alphanums[c % 27]. */
export function safeEncode(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted, so equal objects give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A pod-template-hash look-alike: FNV-1a of the canonical template, its decimal digits safe-encoded
 * (Kubernetes hashes a Go dump of the defaulted template instead, so values differ from a real cluster).
 */
export function templateHash(template: unknown): string {
  return safeEncode(String(fnv32a(canonicalJson(template))));
}

/** A generateName-style 5-character suffix, derived from the seed and the pod's position. */
export function podSuffix(seed: string, base: string, index: number): string {
  let h = fnv32a(`${seed}\0${base}\0${index}`);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.floor(h / ALPHANUMS.length) ^ Math.imul(h, 0x9e3779b1) >>> 0;
    h >>>= 0;
  }
  return out;
}
