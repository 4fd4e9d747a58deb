import { hasProbe } from '../src/rules/best-practice/probes.js';
import { containersOf, INIT_AND_APP_CONTAINERS } from '../src/rules/containers.js';
import { indexOf } from '../src/rules/format.js';
import { serviceExposure } from '../src/rules/services.js';
import type { Rule } from '../src/rules/types.js';
import { podTemplatesOf, runsToCompletion } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'missing-readiness-probe',
  severity: 'warning',
  category: 'reliability',
  description: 'Pods that serve traffic should have a readiness probe.',
  rationale: [
    'Without a readiness probe a pod counts as ready as soon as its containers start, so Services send it',
    'requests before it can answer, and rolling updates take old pods down before the new ones really work.',
    '',
    'Fix: add a `readinessProbe` (an HTTP or TCP check of the port the Service targets). One container with a',
    'readiness probe gates the whole pod, so sidecars do not each need one.',
    '',
    'Jobs, CronJobs and run-to-completion Pods are skipped. When the input contains Services, only pods selected',
    'by a Service in their namespace are checked (as kube-score does); when it contains none, every long-running',
    'pod is checked, since it cannot be told whether one will front it.',
  ].join('\n'),
  kubeLinter: 'no-readiness-probe',
  kubeScore: 'pod-probes',
  polaris: 'readinessProbeMissing',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
  ],
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
      '      readinessProbe:',
      '        httpGet:',
      '          path: /ready',
      '          port: 8080',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      if (runsToCompletion(pod)) continue;
      const running = containersOf(pod, INIT_AND_APP_CONTAINERS).filter(
        (ref) => ref.list === 'containers' || ref.sidecar,
      );
      if (running.length === 0 || running.some((ref) => hasProbe(ref.container, 'readinessProbe'))) continue;
      const exposure = serviceExposure(index, pod);
      if (exposure === 'not-selected') continue;
      const consequence = exposure === 'selected' ? ': its Service sends traffic before it is ready' : '';
      for (const ref of running) {
        if (ref.sidecar) continue;
        context.report({
          manifest: pod.manifest,
          path: [...ref.path, 'readinessProbe'],
          message: `${ref.label} has no readinessProbe${consequence}`,
        });
      }
    }
  },
};

export default rule;
