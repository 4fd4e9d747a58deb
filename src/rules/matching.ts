/** Which pod template a selector nearly picks, for "did you mean" messages (ObjectIndex.selectTemplates finds the ones it picks). */
import { describeLabels, requirementMatches, type Selector } from './selectors.js';
import type { PodTemplate } from './workloads.js';
import { objectLabel } from './format.js';

/**
 * The template that satisfies most of the selector's requirements (at least one), first in input
 * order on ties: most often the workload the author meant, with a typo in one label.
 */
export function closestTemplate(templates: readonly PodTemplate[], selector: Selector): PodTemplate | undefined {
  if (selector.type !== 'requirements') return undefined;
  let best: PodTemplate | undefined;
  let bestScore = 0;
  for (const template of templates) {
    const score = selector.requirements.filter((r) => requirementMatches(r, template.labels)).length;
    if (score > bestScore) {
      best = template;
      bestScore = score;
    }
  }
  return best;
}

/** `; closest: Deployment web has {app: web, tier: frontend}`, or "" when nothing is close. */
export function closestHint(templates: readonly PodTemplate[], selector: Selector): string {
  const closest = closestTemplate(templates, selector);
  return closest ? `; closest: ${objectLabel(closest.manifest)} has ${describeLabels(closest.labels)}` : '';
}
