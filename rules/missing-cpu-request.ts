import { missingRequirements, reportMissing } from '../src/rules/best-practice/resources.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'missing-cpu-request',
  severity: 'warning',
  category: 'efficiency',
  description: 'Containers should request CPU.',
  rationale: [
    'The scheduler places pods by their requests. A container without a CPU request is scheduled as if it needed',
    'nothing, lands on already busy nodes, and is the first to be starved under contention (BestEffort/Burstable QoS).',
    '',
    'Fix: set `resources.requests.cpu` to what the container needs at steady state (for example `100m`).',
    'A CPU *limit* is deliberately not required: CPU is compressible, and limits cause CFS throttling even when the',
    'node has idle CPU; most current guidance is to set requests and leave CPU limits off.',
    'A request is not missing when a limit is set (the API server copies the limit into the request) or when a',
    'LimitRange in the same namespace supplies a default.',
  ].join('\n'),
  kubeLinter: 'unset-cpu-requirements',
  kubeScore: 'container-resources',
  polaris: 'cpuRequestsMissing',
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
      '          cpu: 250m',
      '',
    ].join('\n'),
  },
  check(context) {
    reportMissing(context, missingRequirements(context, 'requests', 'cpu'), ({ ref, problem }) =>
      problem === 'zero'
        ? `${ref.label} requests 0 CPU; set resources.requests.cpu to what it needs`
        : `${ref.label} has no CPU request (resources.requests.cpu)`,
    );
  },
};

export default rule;
