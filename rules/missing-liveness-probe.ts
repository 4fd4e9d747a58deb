import { hasProbe } from '../src/rules/best-practice/probes.js';
import { containersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';
import { podTemplatesOf, runsToCompletion } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'missing-liveness-probe',
  severity: 'info',
  category: 'reliability',
  description: 'Long-running containers may want a liveness probe.',
  rationale: [
    'A liveness probe lets the kubelet restart a container that is running but stuck (a deadlock, an exhausted',
    'pool). Without one, a hung process stays hung until someone notices.',
    '',
    'This is informational: a liveness probe that checks dependencies (the database, another service) or has',
    'tight timeouts restarts healthy containers under load and turns a slowdown into an outage. Fix: add a',
    '`livenessProbe` that checks only the process itself (a cheap local endpoint), with a generous',
    '`failureThreshold`, and do not make it the same check as the readiness probe.',
    'Jobs, CronJobs and run-to-completion Pods are skipped.',
  ].join('\n'),
  kubeLinter: 'no-liveness-probe',
  polaris: 'livenessProbeMissing',
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
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: 8080',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      if (runsToCompletion(pod)) continue;
      for (const ref of containersOf(pod, ['containers'])) {
        if (hasProbe(ref.container, 'livenessProbe')) continue;
        context.report({
          manifest: pod.manifest,
          path: [...ref.path, 'livenessProbe'],
          message: `${ref.label} has no livenessProbe`,
        });
      }
    }
  },
};

export default rule;
