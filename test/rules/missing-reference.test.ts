import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-reference.js';
import { runOnFiles, runRule, yaml } from './helpers.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    template:
      spec:
        serviceAccountName: web
        imagePullSecrets: [{name: registry}]
        volumes:
          - {name: config, configMap: {name: web-config}}
          - {name: certs, secret: {secretName: web-certs}}
          - {name: data, persistentVolumeClaim: {claimName: web-data}}
          - {name: extra, projected: {sources: [{configMap: {name: extra}}, {secret: {name: extra-secret, optional: true}}]}}
        containers:
          - name: app
            image: web:1
            env:
              - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
              - {name: DB_USER, valueFrom: {secretKeyRef: {name: db, key: user}}}
              - {name: FEATURE, valueFrom: {configMapKeyRef: {name: flags, key: feature, optional: true}}}
            envFrom: [{configMapRef: {name: web-env}}]
`;

const present = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: web, namespace: shop}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: registry, namespace: shop}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: web-config, namespace: shop}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: web-certs, namespace: shop}
  ---
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: web-data, namespace: shop}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: extra, namespace: shop}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: db, namespace: shop}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: web-env, namespace: shop}
`;

describe('missing-reference', () => {
  it('accepts a pod whose references are all in the inputs (optional ones may be missing)', () => {
    expect(runRule(rule, `${deployment}---\n${present}`)).toEqual([]);
  });

  it('reports each missing object once, at its first reference', () => {
    expect(runRule(rule, deployment)).toEqual([
      {
        ruleId: 'missing-reference',
        line: 7,
        column: 27,
        message: 'Deployment web: ServiceAccount "web" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 8,
        column: 33,
        message: 'Deployment web: Secret "registry" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 10,
        column: 44,
        message: 'Deployment web: ConfigMap "web-config" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 11,
        column: 46,
        message: 'Deployment web: Secret "web-certs" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 12,
        column: 59,
        message: 'Deployment web: PersistentVolumeClaim "web-data" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 13,
        column: 66,
        message: 'Deployment web: ConfigMap "extra" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 18,
        column: 68,
        message: 'Deployment web: Secret "db" not found in namespace "shop"',
      },
      {
        ruleId: 'missing-reference',
        line: 21,
        column: 43,
        message: 'Deployment web: ConfigMap "web-env" not found in namespace "shop"',
      },
    ]);
  });

  it('makes missing references errors with requireRefs (warnings without it)', () => {
    // The ServiceAccount "default" always exists (the ServiceAccount controller creates it), so 7 findings remain.
    const text = deployment.replace('serviceAccountName: web', 'serviceAccountName: default');
    const missing: [string, number, number][] = [
      ['Secret "registry"', 8, 33],
      ['ConfigMap "web-config"', 10, 44],
      ['Secret "web-certs"', 11, 46],
      ['PersistentVolumeClaim "web-data"', 12, 59],
      ['ConfigMap "extra"', 13, 66],
      ['Secret "db"', 18, 68],
      ['ConfigMap "web-env"', 21, 43],
    ];
    const expected = (severity: string) =>
      missing.map(([what, line, column]) => ({
        file: 'web.yaml',
        ruleId: 'missing-reference',
        severity,
        line,
        column,
        message: `Deployment web: ${what} not found in namespace "shop"`,
      }));
    expect(runOnFiles(rule, { 'web.yaml': text }, { requireRefs: true })).toEqual(expected('error'));
    expect(runOnFiles(rule, { 'web.yaml': text })).toEqual(expected('warning'));
  });

  it('knows the default ServiceAccount and the claims of StatefulSet volumeClaimTemplates', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        replicas: 2
        template:
          spec:
            serviceAccount: default
            volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
        volumeClaimTemplates: [{metadata: {name: data}}]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: backup}
      spec:
        jobTemplate:
          spec:
            template:
              spec:
                volumes:
                  - {name: a, persistentVolumeClaim: {claimName: data-db-1}}
                  - {name: b, persistentVolumeClaim: {claimName: data-db-2}}
    `;
    expect(runRule(rule, text).map((f) => [f.line, f.message])).toEqual([
      [22, 'CronJob backup: PersistentVolumeClaim "data-db-2" not found in namespace "default"'],
    ]);
  });
});
