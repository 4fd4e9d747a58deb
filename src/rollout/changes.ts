/**
 * Which objects were added, removed or changed between two sets of manifests, and the unified diff of
 * each (normalised YAML, so reordering keys or editing comments is not a change).
 * Objects are matched by kind, namespace and name: the API group is left out so that a Deployment moved
 * from extensions/v1beta1 to apps/v1 is one changed object, as it is to the API server.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { escapeControl } from '../core/escape.js';
import type { Finding, Manifest } from '../core/types.js';
import { isClusterScoped } from '../k8s/kinds.js';
import { normalizedYaml } from './normalize.js';

export interface Change {
  kind: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** Unified diff of the normalised manifests (`/dev/null` on the missing side). */
  diff: string;
}

export interface ObjectPair {
  kind: string;
  namespace?: string;
  name: string;
  old?: Manifest;
  new?: Manifest;
}

/** Diffs beyond this many changed lines are shown as a whole replacement (bounds the diff's running time). */
const MAX_EDIT_LENGTH = 1000;

/** Pairs old and new objects by identity; objects without kind or name are skipped with a finding. */
export function pairObjects(
  oldManifests: Manifest[],
  newManifests: Manifest[],
  defaultNamespace: string,
): { pairs: ObjectPair[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const pairs = new Map<string, ObjectPair>();
  const index = (manifests: Manifest[], side: 'old' | 'new') => {
    const seen = new Set<string>();
    for (const m of manifests) {
      const { kind, name } = m.ref;
      if (!kind || !name) {
        findings.push(
          finding(
            m,
            ['metadata', 'name'],
            'rollout/unidentified-object',
            'info',
            `object has no ${kind ? 'metadata.name' : 'kind'}; it is left out of the change plan`,
          ),
        );
        continue;
      }
      const namespace = isClusterScoped(kind) ? undefined : m.ref.namespace || defaultNamespace;
      const key = `${kind}\0${namespace ?? ''}\0${name}`;
      if (seen.has(key)) {
        const where = namespace ? `${namespace}/${name}` : name;
        findings.push(
          finding(
            m,
            ['metadata', 'name'],
            'rollout/duplicate-object',
            'warning',
            `${kind} ${where} appears more than once in the ${side} manifests; the last one is compared (as kubectl apply would leave it)`,
          ),
        );
      }
      seen.add(key);
      const pair = pairs.get(key) ?? { kind, ...(namespace === undefined ? {} : { namespace }), name };
      pair[side] = m;
      pairs.set(key, pair);
    }
  };
  index(oldManifests, 'old');
  index(newManifests, 'new');
  return { pairs: [...pairs.values()].sort(comparePairs), findings };
}

/** The change for one pair, or null when the normalised manifests are equal. */
export function diffPair(pair: ObjectPair): Change | null {
  const oldText = pair.old ? normalizedYaml(pair.old.object) : '';
  const newText = pair.new ? normalizedYaml(pair.new.object) : '';
  if (pair.old && pair.new && oldText === newText) return null;
  const change = !pair.old ? 'added' : !pair.new ? 'removed' : 'changed';
  const oldName = pair.old ? pair.old.file : '/dev/null';
  const newName = pair.new ? pair.new.file : '/dev/null';
  return {
    kind: pair.kind,
    ...(pair.namespace === undefined ? {} : { namespace: pair.namespace }),
    name: pair.name,
    change,
    diff: unifiedDiff(oldName, newName, oldText, newText),
  };
}

export function unifiedDiff(rawOld: string, rawNew: string, oldText: string, newText: string): string {
  // The header names files from the pull request: a newline in a name must not start a line of its own.
  const oldName = escapeControl(rawOld);
  const newName = escapeControl(rawNew);
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  return patch ?? replacementDiff(oldName, newName, oldText, newText);
}

/** A valid unified diff that removes every old line and adds every new one. */
function replacementDiff(oldName: string, newName: string, oldText: string, newText: string): string {
  const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  const a = lines(oldText);
  const b = lines(newText);
  const range = (n: number) => `${n === 0 ? 0 : 1},${n}`;
  return [
    `--- ${oldName}`,
    `+++ ${newName}`,
    `@@ -${range(a.length)} +${range(b.length)} @@`,
    ...a.map((l) => `-${l}`),
    ...b.map((l) => `+${l}`),
    '',
  ].join('\n');
}

export function comparePairs(
  a: { kind: string; namespace?: string; name: string },
  b: { kind: string; namespace?: string; name: string },
): number {
  return cmp(a.kind, b.kind) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function finding(
  m: Manifest,
  path: (string | number)[],
  ruleId: string,
  severity: Finding['severity'],
  message: string,
): Finding {
  return {
    ruleId,
    severity,
    message,
    file: m.file,
    ...m.locate(path, 'key'),
    ...(m.ref.kind ? { object: { ...m.ref } } : {}),
  };
}
