import { handlerKey } from '../src/rules/best-practice/probes.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'liveness-equals-readiness',
  severity: 'warning',
  category: 'reliability',
  description: 'The liveness probe should not be the same check as the readiness probe.',
  rationale: [
    'Readiness answers "should this pod get traffic now?"; liveness answers "is this process beyond saving?".',
    'When both run the same check, a pod that is only overloaded or waiting on a dependency fails liveness too',
    'and is restarted, which sheds capacity exactly when it is needed and can cascade into an outage.',
    '',
    'Fix: make the liveness probe check only that the process responds (a separate cheap endpoint), or give it a',
    'much larger `failureThreshold`, or drop it. Probes are compared by their handler (exec, httpGet, tcpSocket,',
    'grpc); different timings do not make them different checks.',
  ].join('\n'),
  kubeScore: 'pod-probes-identical',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
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
      '      readinessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: 8080',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: 8080',
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
      '      readinessProbe:',
      '        httpGet:',
      '          path: /ready',
      '          port: 8080',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: 8080',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const liveness = handlerKey(ref.container.livenessProbe);
      if (liveness === undefined || liveness !== handlerKey(ref.container.readinessProbe)) continue;
      context.report({
        manifest: ref.template.manifest,
        path: [...ref.path, 'livenessProbe'],
        target: 'key',
        message: `${ref.label} uses the same check for livenessProbe and readinessProbe: an overloaded pod gets restarted instead of just taken out of rotation`,
      });
    }
  },
};

export default rule;
