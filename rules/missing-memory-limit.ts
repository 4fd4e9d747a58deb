import { missingRequirements, reportMissing } from '../src/rules/best-practice/resources.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'missing-memory-limit',
  severity: 'warning',
  category: 'reliability',
  description: 'Containers should set a memory limit.',
  rationale: [
    'Memory is not compressible: a container without a limit can grow until the node runs out of memory, and then',
    'the kernel OOM killer or kubelet eviction takes down its neighbours too.',
    '',
    'Fix: set `resources.limits.memory` (commonly equal to the request, which also gives Guaranteed QoS when CPU is',
    'set the same way). A LimitRange default in the same namespace counts as a limit.',
  ].join('\n'),
  kubeLinter: 'unset-memory-requirements',
  kubeScore: 'container-resources',
  polaris: 'memoryLimitsMissing',
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
      '        limits:',
      '          memory: 256Mi',
      '',
    ].join('\n'),
  },
  check(context) {
    reportMissing(context, missingRequirements(context, 'limits', 'memory'), ({ ref, problem }) =>
      problem === 'zero'
        ? `${ref.label} has a memory limit of 0, which means no limit; set resources.limits.memory`
        : `${ref.label} has no memory limit (resources.limits.memory)`,
    );
  },
};

export default rule;
