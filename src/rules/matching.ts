/** Which pod template a selector nearly picks, for "did you mean" messages (ObjectIndex.selectTemplates finds the ones it picks). */
import { describeLabels, requirementMatches, type Selector } from './selectors.js';
import type { PodTemplate } from './workloads.js';
import { objectLabel } from './format.js';
import { distance } from './suggest.js';

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
    // Among equally close templates, the one whose differing values are spelled most alike wins.
    let spelling = 0;
    for (const r of selector.requirements) {
      if (requirementMatches(r, template.labels)) score += 1;
      else if (Object.prototype.hasOwnProperty.call(template.labels, r.key)) {
        score += 0.5;
        spelling += distance(r.values[0] ?? '', template.labels[r.key]!);
      }
    }
    if (score > bestScore || (score === bestScore && score > 0 && spelling < bestDistance)) {
      best = template;
      bestScore = score;
      bestDistance = spelling;
    }
  }
  return best;
}

/** `; closest: Deployment web has {app: web, tier: frontend}`, or "" when nothing is close. */
export function closestHint(templates: readonly PodTemplate[], selector: Selector): string {
  const closest = closestTemplate(templates, selector);
  return closest ? `; closest: ${objectLabel(closest.manifest)} has ${describeLabels(closest.labels)}` : '';
}
