/**
 * Every rule at once on 2,000 Deployments and 2,000 Services (test/rules/generated-input.ts): the
 * finding counts follow from how the input is generated. No timing is asserted; this is the input the
 * rules are profiled on (cross-object checks must use the run's indexes, not scan every object for
 * every object).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_OPTIONS, runRules } from '../../src/rules/engine.js';
import { deploymentsAndServices } from './generated-input.js';
import { loadAll } from './helpers.js';

const COUNT = 2000;

/** How many i in [0, COUNT) satisfy `predicate`. */
function count(predicate: (i: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < COUNT; i++) if (predicate(i)) n++;
  return n;
}

// The generator's switches (see generated-input.ts).
const hardened = (i: number) => i % 2 === 0;
const hasLiveness = (i: number) => i % 2 === 0;
const hasReadiness = (i: number) => i % 3 !== 0;
const hasResources = (i: number) => i % 6 !== 0;
const untagged = (i: number) => i % 10 === 9;
const replicas = (i: number) => (i % 4 === 0 ? 1 : 3);
const spread = (i: number) => i % 5 === 0;
const serviceSelectsNothing = (i: number) => i % 7 === 6;
const targetsUndeclaredName = (i: number) => i % 11 === 10;

describe(`every rule on ${COUNT} Deployments and ${COUNT} Services`, () => {
  it('reports what the generated input contains, and nothing else', () => {
    const manifests = loadAll({ 'generated.yaml': deploymentsAndServices(COUNT) });
    expect(manifests).toHaveLength(2 * COUNT);
    const findings = runRules(manifests, DEFAULT_RULE_OPTIONS);
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;

    const expected: Record<string, number> = {
      'allow-privilege-escalation': count((i) => !hardened(i)),
      'drop-all-capabilities': count((i) => !hardened(i)),
      'read-only-root-filesystem': count((i) => !hardened(i)),
      'run-as-non-root': count((i) => !hardened(i)),
      'missing-liveness-probe': count((i) => !hasLiveness(i)),
      'latest-tag': count(untagged),
      'missing-cpu-request': count((i) => !hasResources(i)),
      'missing-memory-request': count((i) => !hasResources(i)),
      'missing-memory-limit': count((i) => !hasResources(i)),
      // The input has Services, so only Deployments a Service selects are expected to have a readiness probe.
      'missing-readiness-probe': count((i) => !hasReadiness(i) && !serviceSelectsNothing(i)),
      'replicas-not-spread': count((i) => replicas(i) > 1 && !spread(i)),
      'service-selects-no-pods': count(serviceSelectsNothing),
      'service-target-port-name': count((i) => targetsUndeclaredName(i) && !serviceSelectsNothing(i)),
    };
    expect(counts).toEqual(expected);
    expect(findings).toHaveLength(8415);
  });
});
