/**
 * Objects are known by API group and kind: a custom resource that happens to be called Deployment, Service,
 * Ingress, Pod, Job or StatefulSet in another API group is never planned, routed or rolled out.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { isBuiltinObject, isKind } from '../../src/k8s/kinds.js';
import { plan } from '../../src/plan/index.js';
import { planChanges } from '../../src/rollout/index.js';

const manifests = (text: string) => loadText(text, 'k8s.yaml').manifests;

function workload(apiVersion: string, kind: string, name: string, image = 'nginx:1.27'): string {
  const template = `
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: c, image: "${image}", resources: { requests: { cpu: 100m, memory: 64Mi } } }]`;
  if (kind === 'Pod') {
    return `apiVersion: ${apiVersion}
kind: Pod
metadata: { name: ${name}, labels: { app: ${name} } }
spec:
  containers: [{ name: c, image: "${image}", resources: { requests: { cpu: 100m, memory: 64Mi } } }]
`;
  }
  if (kind === 'Job') {
    return `apiVersion: ${apiVersion}
kind: Job
metadata: { name: ${name} }
spec:
  template:${template.replace('spec:\n', 'spec:\n      restartPolicy: Never\n')}
`;
  }
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: ${name} }
spec:
  replicas: 2
  ${kind === 'StatefulSet' ? `serviceName: ${name}\n  ` : ''}selector: { matchLabels: { app: ${name} } }
  template:${template}
`;
}

const REAL_AND_FAKE = [
  workload('apps/v1', 'Deployment', 'real-deploy'),
  workload('example.com/v1', 'Deployment', 'fake-deploy'),
  workload('apps/v1', 'StatefulSet', 'real-sts'),
  workload('example.com/v1', 'StatefulSet', 'fake-sts'),
  workload('v1', 'Pod', 'real-pod'),
  workload('example.com/v1', 'Pod', 'fake-pod'),
  workload('batch/v1', 'Job', 'real-job'),
  workload('example.com/v1', 'Job', 'fake-job'),
  `apiVersion: v1
kind: Service
metadata: { name: real-svc }
spec: { selector: { app: real-deploy }, ports: [{ port: 80 }] }
`,
  // Knative Service: no selector, its own API group; today's planner must not report it as having no endpoints.
  `apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: knative-svc }
spec:
  template:
    spec: { containers: [{ image: "gcr.io/knative-samples/helloworld-go:1.0" }] }
`,
  `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: real-ing }
spec:
  rules: [{ host: a.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: real-svc, port: { number: 80 } } } }] } }]
`,
  `apiVersion: example.com/v1
kind: Ingress
metadata: { name: fake-ing }
spec:
  rules: [{ host: b.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: missing, port: { number: 80 } } } }] } }]
`,
].join('---\n');

describe('isKind: group and kind, any served version', () => {
  it('knows built-in kinds in every group that serves them', () => {
    const [deployV1, deployExt, crd, knative, pc] = manifests(
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\n',
        'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: b }\n',
        'apiVersion: example.com/v1\nkind: Deployment\nmetadata: { name: c }\n',
        'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: d }\n',
        'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: e }\nvalue: 1\n',
      ].join('---\n'),
    );
    expect(isKind(deployV1!, 'Deployment')).toBe(true);
    expect(isKind(deployExt!, 'Deployment')).toBe(true);
    expect(isKind(crd!, 'Deployment')).toBe(false);
    expect(isKind(knative!, 'Service')).toBe(false);
    expect(isKind(pc!, 'PriorityClass')).toBe(true);
    expect(isKind(deployV1!, 'StatefulSet')).toBe(false);
  });

  it('answers on raw objects too, and never for kinds it does not know', () => {
    expect(isBuiltinObject({ apiVersion: 'v1', kind: 'Node' }, 'Node')).toBe(true);
    expect(isBuiltinObject({ apiVersion: 'example.com/v1', kind: 'Node' }, 'Node')).toBe(false);
    expect(isBuiltinObject({ apiVersion: 'example.com/v1', kind: 'Widget' }, 'Widget')).toBe(false);
    expect(isBuiltinObject(null, 'Pod')).toBe(false);
  });
});

describe('the planner acts only on built-in kinds', () => {
  const result = plan(manifests(REAL_AND_FAKE));

  it('plans the real workloads and none of the custom resources', () => {
    const workloads = result.workloads.map((w) => `${w.kind}/${w.name}`).sort();
    expect(workloads).toEqual(['Deployment/real-deploy', 'Job/real-job', 'Pod/real-pod', 'StatefulSet/real-sts']);
    // 2 + 2 replicas, one bare Pod, one Job pod (completions and parallelism default to 1).
    expect(result.pods).toHaveLength(6);
    expect(result.pods.some((p) => p.workload.name.startsWith('fake-'))).toBe(false);
  });

  it('routes only real Services and Ingresses', () => {
    expect(result.services.map((s) => s.name)).toEqual(['real-svc']);
    expect(result.services[0]!.endpoints).toHaveLength(2);
    expect(result.ingresses.map((i) => i.name)).toEqual(['real-ing']);
    const messages = result.findings.map((f) => `${f.ruleId} ${f.message}`).join('\n');
    expect(messages).not.toMatch(/knative-svc|fake-/);
  });
});

describe('the rollout simulator acts only on built-in kinds', () => {
  it('rolls out the real Deployment and StatefulSet, not their namesakes in example.com', () => {
    const next = REAL_AND_FAKE.replaceAll('nginx:1.27', 'nginx:1.28');
    const changes = planChanges(manifests(REAL_AND_FAKE), manifests(next));
    expect(changes.rollouts.map((r) => `${r.kind}/${r.name}`).sort()).toEqual([
      'Deployment/real-deploy',
      'StatefulSet/real-sts',
    ]);
  });
});
