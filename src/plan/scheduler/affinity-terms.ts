/** Finding existing pods that an affinity term selects, through the cluster's label index. */
import { termMatches } from './pod-info.js';
import type { ClusterState } from './state.js';
import type { AffinityTerm, SchedPod } from './types.js';

/** Bound pods selected by `term` (namespace and label selector both checked). */
export function* podsMatchingTerm(cluster: ClusterState, term: AffinityTerm): Iterable<SchedPod> {
  const namespaces = term.namespaceSelector ? [null] : [...term.namespaces].sort();
  for (const ns of namespaces) {
    for (const p of cluster.candidates(ns, term.selector)) {
      if (termMatches(term, p, cluster.namespaceLabels)) yield p;
    }
  }
}
