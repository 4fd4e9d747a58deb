import { missingRequirements, reportMissing } from '../src/rules/best-practice/resources.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'missing-memory-request',
  severity: 'warning',
  category: 'efficiency',
  description: 'Containers should request memory.',
  rationale: [
    'The scheduler places pods by their requests. A container without a memory request can be packed onto a node',
    'that cannot hold it, and under memory pressure the kubelet evicts pods that use more than they requested first.',
    '',
    "Fix: set `resources.requests.memory` to the container's working set (for example `256Mi`).",
    'A request is not missing when a memory limit is set (the API server copies the limit into the request) or when',
    'a LimitRange in the same namespace supplies a default.',
  ].join('\n'),
  kubeLinter: 'unset-memory-requirements',
  kubeScore: 'container-resources',
  polaris: 'memoryRequestsMissing',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      resources:',
      '        requests:',
      '          memory: 256Mi',
      '',
    ].join('\n'),
  },
  check(context) {
    reportMissing(context, missingRequirements(context, 'requests', 'memory'), ({ ref, problem }) =>
      problem === 'zero'
        ? `${ref.label} requests 0 memory; set resources.requests.memory to its working set`
        : `${ref.label} has no memory request (resources.requests.memory)`,
    );
  },
};

export default rule;
