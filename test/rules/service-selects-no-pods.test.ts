import { describe, expect, it } from 'vitest';
import rule from '../../rules/service-selects-no-pods.js';
import { runRule, yaml } from './helpers.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web, tier: frontend}}
`;

const service = (selector: string, extra = '') => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec:
    ${extra}
    selector: ${selector}
    ports: [{port: 80}]
`;

describe('service-selects-no-pods', () => {
  it.each([
    ['a subset of the template labels', '{app: web}'],
    ['all of them', '{app: web, tier: frontend}'],
    ['no selector (endpoints managed elsewhere)', 'null'],
    ['an empty selector (same)', '{}'],
  ])('accepts %s', (_, selector) => {
    expect(runRule(rule, `${deployment}---\n${service(selector)}`)).toEqual([]);
  });

  it('ignores ExternalName Services', () => {
    expect(runRule(rule, service('{app: nothing}', 'type: ExternalName'))).toEqual([]);
  });

  it('names the closest label set', () => {
    expect(runRule(rule, `${deployment}---\n${service('{app: web, tier: front}')}`)).toEqual([
      {
        ruleId: 'service-selects-no-pods',
        line: 14,
        column: 13,
        message:
          'Service web: selector {app: web, tier: front} matches no pods; closest: Deployment web has {app: web, tier: frontend}',
      },
    ]);
  });

  it('names the template with the same label key when only the value differs (a typo)', () => {
    expect(runRule(rule, `${deployment}---\n${service('{app: wbe}')}`).map((f) => f.message)).toEqual([
      'Service web: selector {app: wbe} matches no pods; closest: Deployment web has {app: web, tier: frontend}',
    ]);
    expect(runRule(rule, `${deployment}---\n${service('{role: db}')}`).map((f) => f.message)).toEqual([
      'Service web: selector {role: db} matches no pods',
    ]);
    // Two templates share the key: the one spelled most like the selector's value is named, not the first.
    const api = deployment.replace(/web/g, 'api').replace(/frontend/g, 'backend');
    expect(runRule(rule, `${api}---\n${deployment}---\n${service('{app: wbe}')}`).map((f) => f.message)).toEqual([
      'Service web: selector {app: wbe} matches no pods; closest: Deployment web has {app: web, tier: frontend}',
    ]);
  });

  it('only looks in its own namespace', () => {
    const other = service('{app: web}').replace('namespace: shop', 'namespace: other');
    expect(runRule(rule, `${deployment}---\n${other}`).map((f) => f.message)).toEqual([
      'Service web: selector {app: web} matches no pods',
    ]);
  });

  // Labels set by the StatefulSet controller (k8s v1.36.0 pkg/controller/statefulset/stateful_set_utils.go
  // initIdentity/updateIdentity) and the Deployment controller (pod-template-hash, pkg/controller/deployment/sync.go).
  const statefulSet = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: redis-ha-server, namespace: shop}
    spec:
      serviceName: redis-ha
      selector: {matchLabels: {app: redis-ha}}
      template:
        metadata: {labels: {app: redis-ha}}
  `;

  it('knows the labels controllers add at run time (argo-cd HA: a Service per StatefulSet pod)', () => {
    const perPod = service('{app: redis-ha, statefulset.kubernetes.io/pod-name: redis-ha-server-0}');
    expect(runRule(rule, `${statefulSet}---\n${perPod}`)).toEqual([]);
    expect(
      runRule(rule, `${statefulSet}---\n${service('{app: redis-ha, apps.kubernetes.io/pod-index: "1"}')}`),
    ).toEqual([]);
    expect(runRule(rule, `${deployment}---\n${service('{app: web, pod-template-hash: 5d8f7c9b4}')}`)).toEqual([]);
  });

  it("still reports a run-time label that the selected workload's controller does not set", () => {
    // A Deployment's pods never get statefulset.kubernetes.io/pod-name.
    const findings = runRule(
      rule,
      `${deployment}---\n${service('{app: web, statefulset.kubernetes.io/pod-name: web-0}')}`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/matches no pods/);
  });
});
