/**
 * batch/v1 Job specs the API server rejects at create time: ValidateJob / validateJobSpec (kubernetes
 * pkg/apis/batch/validation/validation.go, 1.3x line), shared with invalid-cronjob-spec through src/rules/job-spec.ts.
 */
import { fieldError } from '../src/k8s/field-errors.js';
import { groupOf } from '../src/k8s/kinds.js';
import { dns1123Label } from '../src/k8s/names.js';
import { validateJobSpec, type Emit } from '../src/rules/job-spec.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

const rule: Rule = {
  id: 'invalid-job-spec',
  severity: 'error',
  category: 'validation',
  description: 'Job spec the API server would reject',
  rationale: [
    'The API server rejects a Job whose pod template has no `restartPolicy` (it defaults to `Always`, which a Job',
    'may not use) or uses `Always`; negative `parallelism`, `completions`, `backoffLimit`, `activeDeadlineSeconds` or',
    '`ttlSecondsAfterFinished`; an Indexed Job without `completions`, or whose last pod name would not be a DNS label;',
    '`backoffLimitPerIndex`, `maxFailedIndexes` or a `successPolicy` without Indexed completion; a `podFailurePolicy`',
    'with `restartPolicy: OnFailure`, a `podReplacementPolicy` other than Failed, rules with both or neither of',
    '`onExitCodes` and `onPodConditions`, exit codes that are unordered, repeated or 0 with `In`, or unknown',
    'containers; and a `selector` without `manualSelector: true`. `kubectl apply` fails and the Job never runs.',
  ].join('\n'),
  howToFix: 'Set `restartPolicy: Never` (or `OnFailure`) in the pod template and keep the counts non-negative.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/',
  ],
  examples: {
    bad: [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: migrate',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: migrate',
      '          image: registry.example.com/shop/migrate:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: migrate',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - name: migrate',
      '          image: registry.example.com/shop/migrate:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.kind !== 'Job' || groupOf(m.ref.apiVersion) !== 'batch' || !isObj(m.object.spec)) continue;
      const spec = m.object.spec;
      const emit: Emit = (path, message, upstream, target) =>
        context.report({ manifest: m, path, message: `${message} (${upstream})`, ...(target ? { target } : {}) });
      validateJobSpec(spec, ['spec'], emit);
      // validateGeneratedSelector: unless manualSelector is true, the API server generates the selector itself.
      if (isObj(spec.selector) && spec.manualSelector !== true)
        emit(
          ['spec', 'selector'],
          fieldError.invalid(['spec', 'selector'], spec.selector, '`selector` not auto-generated'),
          'validateGeneratedSelector',
          'key',
        );
      // ValidateJob: the last index's pod hostname `<name>-<completions-1>` must be a DNS label.
      const name = m.ref.name;
      if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0 && name) {
        const hostname = `${name}-${spec.completions - 1}`;
        if (dns1123Label(hostname).length > 0)
          emit(
            ['metadata', 'name'],
            fieldError.invalid(
              ['metadata', 'name'],
              name,
              `will not able to create pod with invalid DNS label: ${hostname}`,
            ),
            'ValidateJob',
          );
      }
    }
  },
};

export default rule;
