import { reportApiVersionState } from '../src/rules/api-versions.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'deprecated-api-version',
  severity: 'warning',
  category: 'deprecation',
  description: 'Objects should not use an API version that the target Kubernetes version deprecates.',
  rationale: [
    'A deprecated API version still works on the target release (the API server answers with a warning) but is',
    'scheduled for removal: the same manifests will be rejected after an upgrade, usually in the middle of one.',
    '',
    'Fix: change `apiVersion` to the replacement named in the message (mind the field changes the Deprecated API',
    'Migration Guide lists, e.g. for Ingress and HPA), or run `kubectl convert`. The target release is',
    '`kubeVersion` in the config / `--kube-version`. Versions that are already removed for the target are',
    'errors reported by `removed-api-version`, not by this rule.',
  ].join('\n'),
  kubeScore: 'stable-version',
  references: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Endpoints',
      'metadata:',
      '  name: legacy-db',
      'subsets:',
      '  - addresses:',
      '      - ip: 10.0.0.12',
      '    ports:',
      '      - port: 5432',
      '',
    ].join('\n'),
    good: [
      'apiVersion: discovery.k8s.io/v1',
      'kind: EndpointSlice',
      'metadata:',
      '  name: legacy-db-1',
      '  labels:',
      '    kubernetes.io/service-name: legacy-db',
      'addressType: IPv4',
      'endpoints:',
      '  - addresses: [10.0.0.12]',
      'ports:',
      '  - port: 5432',
      '',
    ].join('\n'),
  },
  check(context) {
    reportApiVersionState(context, 'deprecated');
  },
};

export default rule;
