/** Selectors that match no pods, with the pod template they nearly pick (ObjectIndex.selectTemplates finds the ones they pick). */
import { objectLabel } from './format.js';
import type { ObjectIndex } from './object-index.js';
import {
  describeLabels,
  describeSelector,
  requirementMatches,
  type Requirement,
  type Selector,
} from '../k8s/label-selector.js';
import { distance } from './suggest.js';
import type { PodTemplate } from './workloads.js';

/**
 * The template that comes closest to the selector, first in input order on ties: each requirement it
 * satisfies counts 1, each one whose label key it has (with another value) counts ½ — most often the
 * workload the author meant, with a typo in one label value. Nothing in common: no hint.
 */
export function closestTemplate(templates: readonly PodTemplate[], selector: Selector): PodTemplate | undefined {
  if (selector.type !== 'requirements') return undefined;
  let best: PodTemplate | undefined;
  let bestScore = 0;
  let bestDistance = Infinity;
  for (const template of templates) {
    let score = 0;
    const differing: Requirement[] = [];
    for (const r of selector.requirements) {
      if (requirementMatches(r, template.labels)) score += 1;
      else if (Object.prototype.hasOwnProperty.call(template.labels, r.key)) {
        score += 0.5;
        differing.push(r);
      }
    }
    if (score === 0 || score < bestScore) continue;
    // Among equally close templates, the one whose differing values are spelled most alike wins (a
    // later one only when strictly closer, so the spelling is worked out only as far as that).
    const limit = score > bestScore ? Infinity : bestDistance - 1;
    let spelling = 0;
    for (const r of differing) {
      spelling += distance(r.values[0] ?? '', template.labels[r.key]!, limit - spelling);
      if (spelling > limit) break;
    }
    if (spelling > limit) continue;
    best = template;
    bestScore = score;
    bestDistance = spelling;
  }
  return best;
}

/**
 * `{app: web, tier: front} matches no pods; closest: Deployment web has {app: web, tier: frontend}` when
 * `selector` matches no pod template in `namespace` (the hint only when some template comes close), or
 * undefined when it matches one.
 */
export function describeUnmatched(index: ObjectIndex, namespace: string, selector: Selector): string | undefined {
  if (index.selectTemplates(namespace, selector).length > 0) return undefined;
  const closest = closestTemplate(closeCandidates(index, namespace, selector), selector);
  const hint = closest ? `; closest: ${objectLabel(closest.manifest)} has ${describeLabels(closest.labels)}` : '';
  return `${describeSelector(selector)} matches no pods${hint}`;
}

/**
 * The templates that can score at all. With only `In` and `Exists` requirements, a template without
 * any of the selector's label keys scores nothing, so only templates sharing a key are compared
 * (`NotIn` and `DoesNotExist` are met by a missing key: then every template is a candidate).
 */
function closeCandidates(index: ObjectIndex, namespace: string, selector: Selector): readonly PodTemplate[] {
  if (selector.type !== 'requirements') return [];
  const { requirements } = selector;
  if (requirements.some((r) => r.operator === 'NotIn' || r.operator === 'DoesNotExist'))
    return index.podTemplates(namespace);
  return index.templatesWithAnyKey(
    namespace,
    requirements.map((r) => r.key),
  );
}
