/**
 * Merging toleration lists as the API server's admission plugins do (kubernetes v1.34 pkg/util/tolerations
 * tolerations.go MergeTolerations / isSuperset): used by RuntimeClass admission, which adds the class's
 * `scheduling.tolerations` to each pod.
 */
import { isObj, type Obj } from '../core/values.js';

/** The fields that make a toleration (apiequality.Semantic.DeepEqual on core.Toleration). */
function same(a: Obj, b: Obj): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.tolerationSeconds ?? null) === (b.tolerationSeconds ?? null)
  );
}

/** isSuperset: whether `ss` tolerates every taint `t` tolerates. */
function isSuperset(ss: Obj, t: Obj): boolean {
  if (same(t, ss)) return true;
  // An empty key with operator Exists matches every key and value.
  if ((t.key ?? '') !== (ss.key ?? '') && ((ss.key ?? '') !== '' || ss.operator !== 'Exists')) return false;
  // An empty effect matches every effect.
  if ((t.effect ?? '') !== (ss.effect ?? '') && (ss.effect ?? '') !== '') return false;
  if (ss.effect === 'NoExecute' && typeof ss.tolerationSeconds === 'number') {
    if (typeof t.tolerationSeconds !== 'number' || t.tolerationSeconds > ss.tolerationSeconds) return false;
  }
  switch (ss.operator ?? '') {
    case 'Equal':
    case '': // an empty operator means Equal
      return t.operator === 'Equal' && (t.value ?? '') === (ss.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/**
 * MergeTolerations: `first` then `second`, keeping a toleration only when no kept one and no later one (other than
 * an equal one: the first of equals wins) tolerates a superset of it.
 */
export function mergeTolerations(first: readonly unknown[], second: readonly unknown[]): Obj[] {
  const all = [...first, ...second].filter(isObj);
  const merged: Obj[] = [];
  all.forEach((t, i) => {
    if (merged.some((kept) => isSuperset(kept, t))) return;
    if (all.slice(i + 1).some((later) => !same(t, later) && isSuperset(later, t))) return;
    merged.push(t);
  });
  return merged;
}
