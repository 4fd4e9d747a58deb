import { isReplicated, replicaRange } from '../src/rules/best-practice/replicas.js';
import { spreadTerms } from '../src/rules/best-practice/spreading.js';
import { indexOf } from '../src/rules/format.js';
import { describeLabels } from '../src/k8s/label-selector.js';
import type { Rule } from '../src/rules/types.js';
import { podLabelsOf, podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'replicas-not-spread',
  severity: 'info',
  category: 'reliability',
  description:
    'Workloads with several replicas should spread them across nodes (podAntiAffinity or topologySpreadConstraints).',
  rationale: [
    'The scheduler does not keep replicas of one workload apart by default: all of them can land on one node,',
    'and losing that node (or draining it) takes the whole workload down at once.',
    '',
    'Fix: add a `topologySpreadConstraints` entry (`topologyKey: kubernetes.io/hostname`, and/or',
    "`topology.kubernetes.io/zone`, with a `labelSelector` matching the pod's own labels), or a preferred",
    "`podAntiAffinity` term with the same selector. A term counts only when its selector matches the workload's",
    'own pod labels in its own namespace. Workloads that can run more than one replica are checked (from',
    '`spec.replicas`, or the maximum of an autoscaler in the inputs).',
  ].join('\n'),
  kubeLinter: 'no-anti-affinity',
  kubeScore: 'deployment-has-host-podantiaffinity',
  polaris: 'topologySpreadConstraint',
  references: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
  ],
  examples: {
    bad: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replicas: 3',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replicas: 3',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      topologySpreadConstraints:',
      '        - maxSkew: 1',
      '          topologyKey: kubernetes.io/hostname',
      '          whenUnsatisfiable: ScheduleAnyway',
      '          labelSelector:',
      '            matchLabels:',
      '              app: api',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      if (!isReplicated(pod.manifest)) continue;
      const replicas = replicaRange(index, pod.manifest);
      if (!replicas || replicas.max <= 1) continue;
      const terms = spreadTerms(pod, context.namespaceOf(pod.manifest));
      if (terms.some((term) => term.spreadsOwnPods)) continue;
      if (terms.length > 0) {
        context.report({
          manifest: pod.manifest,
          path: terms[0]!.path,
          message: `no podAntiAffinity term or topology spread constraint selects this workload's own pods (${describeLabels(podLabelsOf(pod))}) in its namespace, so its ${replicas.source} may all land on one node`,
        });
      } else {
        context.report({
          manifest: pod.manifest,
          path: replicas.path,
          target: 'key',
          message: `${replicas.source} but no podAntiAffinity or topologySpreadConstraints: they may all land on one node`,
        });
      }
    }
  },
};

export default rule;
