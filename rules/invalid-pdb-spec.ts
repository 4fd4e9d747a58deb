/**
 * PodDisruptionBudget specs the API server rejects at create time: ValidatePodDisruptionBudgetSpec
 * (kubernetes pkg/apis/policy/validation/validation.go, 1.3x line as read for kubeplan's v1.36 target).
 */
import { fieldError, intOrPercentProblems } from '../src/k8s/field-errors.js';
import { groupOf } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

const UPSTREAM = 'ValidatePodDisruptionBudgetSpec';

const rule: Rule = {
  id: 'invalid-pdb-spec',
  severity: 'error',
  category: 'validation',
  description: 'PodDisruptionBudget spec the API server would reject',
  rationale: [
    'The API server rejects a PodDisruptionBudget that sets both `minAvailable` and `maxUnavailable`, a negative',
    'count, a percentage that is not digits followed by `%` (`"-5%"`, `"%"`, `"5"`), or a percentage above 100%.',
    '`kubectl apply` fails, and the workload goes without the budget it was meant to have.',
  ].join('\n'),
  howToFix:
    'Keep one of `minAvailable` and `maxUnavailable`, as a non-negative integer or a percentage from `0%` to `100%`.',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget'],
  examples: {
    bad: [
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: api',
      'spec:',
      '  minAvailable: 1',
      '  maxUnavailable: 1',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '',
    ].join('\n'),
    good: [
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: api',
      'spec:',
      '  maxUnavailable: 1',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.kind !== 'PodDisruptionBudget' || groupOf(m.ref.apiVersion) !== 'policy') continue;
      const spec = m.object.spec;
      if (!isObj(spec)) continue;
      const set = (v: unknown) => v !== undefined && v !== null;
      if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
        context.report({
          manifest: m,
          path: ['spec', 'maxUnavailable'],
          target: 'key',
          // field.Invalid(spec, spec, …) prints the whole spec as the value; the detail is what matters.
          message: `spec: minAvailable and maxUnavailable cannot be both set (${UPSTREAM})`,
        });
      }
      for (const key of ['minAvailable', 'maxUnavailable'] as const) {
        const path = ['spec', key];
        for (const detail of intOrPercentProblems(spec[key]))
          context.report({
            manifest: m,
            path,
            message: `${fieldError.invalid(path, spec[key], detail)} (${UPSTREAM})`,
          });
      }
    }
  },
};

export default rule;
