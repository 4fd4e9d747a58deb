/** apiVersions the target Kubernetes release no longer serves: `kubectl apply` fails with "no matches for kind". */
import { reportApiVersionState } from '../src/rules/api-versions.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'removed-api-version',
  severity: 'error',
  category: 'deprecation',
  description: 'Objects must not use an API version that the target Kubernetes version no longer serves.',
  rationale: [
    'Once an API version is removed, the API server answers `no matches for kind "Ingress" in version',
    '"extensions/v1beta1"` and nothing is applied. The target release is `kubeVersion` in the config or',
    '`--kube-version` (default: the newest supported).',
    '',
    'Fix: change `apiVersion` to the replacement named in the message and adapt the fields the Deprecated API',
    'Migration Guide lists (for example Ingress backends moved to `service.name` / `service.port`).',
  ].join('\n'),
  kubeLinter: 'no-extensions-v1beta',
  kubeScore: 'stable-version',
  references: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  ],
  examples: {
    bad: [
      'apiVersion: batch/v1beta1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly-report',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: report',
      '              image: registry.example.com/shop/report:2.0.1',
      '',
    ].join('\n'),
    good: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly-report',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: report',
      '              image: registry.example.com/shop/report:2.0.1',
      '',
    ].join('\n'),
  },
  check(context) {
    reportApiVersionState(context, 'removed');
  },
};

export default rule;
