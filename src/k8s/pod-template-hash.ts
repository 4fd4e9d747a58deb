/**
 * Deterministic names: pod-template-hash (controller.ComputeHash), ControllerRevision hashes
 * (history.HashControllerRevision) and generated pod-name suffixes (apiserver names.SimpleNameGenerator).
 *
 * Kubernetes hashes a Go `spew` dump of the defaulted template struct; kubeplan hashes a canonical JSON
 * (keys sorted, no spaces) of the defaulted template instead. The hash functions, the collision-count bytes
 * and the encoding are Kubernetes', so names have the same shape and are stable, but they do not match a
 * live cluster byte for byte.
 */

/** `rand.alphanums` (k8s.io/apimachinery/pkg/util/rand): no vowels, no lookalikes. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const encoder = new TextEncoder();

/** 32-bit FNV-1a (hash/fnv New32a), as ComputeHash uses. */
export function fnv32a(data: string | Uint8Array, seed = 0x811c9dc5): number {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let h = seed >>> 0;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 32-bit FNV-1 (hash/fnv New32: multiply, then xor), as HashControllerRevision uses. */
export function fnv32(data: string | Uint8Array, seed = 0x811c9dc5): number {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let h = seed >>> 0;
  for (const byte of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= byte;
  }
  return h >>> 0;
}

/** `rand.SafeEncodeString`: each character c of s becomes alphanums[c % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal objects give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const entries = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * controller.ComputeHash(template, collisionCount): FNV-1a over the template dump, then — when a collision count
 * is set — 8 more bytes holding it as a little-endian uint32 (binary.LittleEndian.PutUint32 into an 8-byte buffer),
 * then the decimal sum, SafeEncodeString-encoded. Used for `pod-template-hash` and the ReplicaSet name.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const dump = encoder.encode(canonicalJson(template));
  let h = fnv32a(dump);
  if (collisionCount !== undefined) {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(buf, h);
  }
  return safeEncodeString(String(h));
}

/**
 * history.HashControllerRevision: FNV-1 (not 1a) over the revision's raw data — for DaemonSets and StatefulSets the
 * JSON patch `{"spec":{"template":{…,"$patch":"replace"}}}` — plus the decimal collision count, SafeEncodeString-encoded.
 */
export function controllerRevisionHash(template: unknown, collisionCount?: number): string {
  const patch = { spec: { template: { ...(template as object), $patch: 'replace' } } };
  let text = canonicalJson(patch);
  if (collisionCount !== undefined) text += String(collisionCount);
  return safeEncodeString(String(fnv32(text)));
}

/**
 * kubeplan's stand-in for the apiserver's random `generateName` suffix (5 chars from ALPHANUMS).
 * Derivation, documented in docs/planner.md (Determinism): h = FNV-1a32 of `${seed}\n${namespace}\n${prefix}\n${n}` where n counts the
 * names already generated for this namespace and prefix (0, 1, 2, …); the suffix is h written in base 27,
 * least significant digit first, 5 digits, each digit mapped through ALPHANUMS.
 */
export function nameSuffix(seed: string, namespace: string, prefix: string, n: number): string {
  let h = fnv32a(`${seed}\n${namespace}\n${prefix}\n${n}`);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[h % 27];
    h = Math.floor(h / 27);
  }
  return out;
}

/** names.SimpleNameGenerator: the base is cut to 58 characters so the name stays within 63. */
export const MAX_GENERATED_BASE = 58;

/**
 * The Job controller's generateName for an Indexed Job's pod (kubernetes v1.36 pkg/controller/job/indexed_job_utils.go
 * podGenerateNameWithIndex): `<job>-<index>-`, and when that is longer than 58 characters the Job name is cut so
 * that `-<index>-` survives (the apiserver would otherwise cut the index off).
 */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  const prefix = jobName + appendIndex;
  if (prefix.length <= MAX_GENERATED_BASE) return prefix;
  return prefix.slice(0, MAX_GENERATED_BASE - appendIndex.length) + appendIndex;
}

/** Generates unique `generateName` names per namespace, deterministically from the seed. */
export class NameGenerator {
  private readonly counters = new Map<string, number>();
  private readonly taken = new Set<string>();

  constructor(private readonly seed: string) {}

  /** Marks a name as used (e.g. pods already in the cluster snapshot, or pods named in the inputs). */
  reserve(namespace: string, name: string): void {
    this.taken.add(`${namespace}/${name}`);
  }

  generate(namespace: string, prefix: string): string {
    const base = prefix.length > MAX_GENERATED_BASE ? prefix.slice(0, MAX_GENERATED_BASE) : prefix;
    const key = `${namespace}/${base}`;
    let n = this.counters.get(key) ?? 0;
    for (;;) {
      const name = base + nameSuffix(this.seed, namespace, base, n++);
      if (!this.taken.has(`${namespace}/${name}`)) {
        this.counters.set(key, n);
        this.taken.add(`${namespace}/${name}`);
        return name;
      }
    }
  }
}
