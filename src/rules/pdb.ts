/** PodDisruptionBudget selectors, read as the disruption controller of the PDB's API version reads them. */
import { NOTHING, parseLabelSelector, type Selector } from '../k8s/label-selector.js';
import type { Manifest } from '../core/types.js';
import { getIn } from '../core/values.js';

/**
 * policy/v1: an empty selector (`{}`, or `{matchLabels: {}}`) selects every pod of the namespace;
 * policy/v1beta1 read the same selector as "no pods". A missing selector selects nothing in both.
 */
export function pdbSelector(pdb: Manifest): Selector {
  const selector = parseLabelSelector(getIn(pdb.object, ['spec', 'selector']));
  if (selector.type === 'everything' && pdb.ref.apiVersion === 'policy/v1beta1') return NOTHING;
  return selector;
}
