/**
 * invalid-workload-spec: each validation of kubernetes pkg/apis/apps/validation/validation.go (read at commit
 * 2dd1588c, the 1.28 line; unchanged in these functions since) with a rejecting and an accepting case. The
 * expected messages are the API server's own (field.Invalid / Forbidden / NotSupported / Required text), and the
 * defaulting they depend on is SetDefaults_Deployment / _StatefulSet / _DaemonSet of pkg/apis/apps/v1/defaults.go.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-workload-spec.js';
import { PERCENT_MSG } from '../../src/k8s/field-errors.js';
import { runOnFiles } from './helpers.js';

const run = (text: string, kubeVersion?: string) =>
  runOnFiles(rule, { 'w.yaml': text }, kubeVersion ? { kubeVersion } : {}).map((f) => [f.line, f.column, f.message]);
const messages = (text: string, kubeVersion?: string) => run(text, kubeVersion).map((f) => f[2]);

/** A Deployment whose `spec` goes on with `extra` (lines indented 2 spaces); the template is valid. */
const deployment = (extra: string, podExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
${extra}
  template:
    metadata:
      labels: {app: web}
    spec:
${podExtra}      containers:
        - name: app
          image: app:1
`;

const statefulSet = (extra: string, podExtra = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
${extra}
  template:
    metadata:
      labels: {app: db}
    spec:
${podExtra}      containers:
        - name: db
          image: db:1
`;

const daemonSet = (extra: string, podExtra = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
${extra}
  template:
    metadata:
      labels: {app: agent}
    spec:
${podExtra}      containers:
        - name: agent
          image: agent:1
`;

describe('invalid-workload-spec: Deployment (ValidateDeploymentSpec, ValidateRollingUpdateDeployment)', () => {
  it('accepts the defaults and the usual rolling-update settings', () => {
    expect(run(deployment('  replicas: 3'))).toEqual([]);
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0'))).toEqual([]);
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: "100%"'))).toEqual(
      [],
    );
    // maxSurge may exceed 100% (only maxUnavailable is capped).
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: "200%"'))).toEqual([]);
    expect(run(deployment('  strategy:\n    type: Recreate'))).toEqual([]);
    expect(run(deployment('  strategy:\n    type: Recreate\n    rollingUpdate: null'))).toEqual([]);
  });

  it('rejects maxSurge and maxUnavailable both 0, at maxUnavailable', () => {
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0'))).toEqual([
      [11, 23, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ]);
    // "0%" is 0 as well.
    expect(
      messages(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: "0%"\n      maxUnavailable: 0')),
    ).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
    // Only maxUnavailable: 0 written: maxSurge defaults to 25%, accepted.
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 0'))).toEqual([]);
  });

  it('rejects malformed and negative percentages (issue 16: "-5%", "%")', () => {
    expect(messages(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: "-5%"'))).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "-5%": ${PERCENT_MSG}`,
    ]);
    // "%" is no percentage, and getIntOrPercentValue reads it as 0; with maxSurge 0 that is the both-zero error too.
    expect(
      messages(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: "%"')),
    ).toEqual([
      `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "%": ${PERCENT_MSG}`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "%": may not be 0 when `maxSurge` is 0',
    ]);
    // A number in a string is no percentage either.
    expect(messages(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: "5"'))).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "5": ${PERCENT_MSG}`,
    ]);
    expect(messages(deployment('  strategy:\n    rollingUpdate:\n      maxSurge: -1'))).toEqual([
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('rejects maxUnavailable over 100%', () => {
    expect(run(deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: "150%"'))).toEqual([
      [10, 23, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'],
    ]);
  });

  it('rejects rollingUpdate with type Recreate (ValidateDeploymentStrategy)', () => {
    expect(run(deployment('  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1'))).toEqual([
      [10, 5, "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ]);
  });

  it('rejects progressDeadlineSeconds not greater than minReadySeconds, including the default 600', () => {
    expect(run(deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 30'))).toEqual([
      [9, 28, 'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds'],
    ]);
    // SetDefaults_Deployment: progressDeadlineSeconds 600 when unset; minReadySeconds 600 is then rejected (at spec's value).
    expect(run(deployment('  minReadySeconds: 600'))).toEqual([
      [6, 3, 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ]);
    expect(run(deployment('  minReadySeconds: 599'))).toEqual([]);
    expect(run(deployment('  minReadySeconds: 30\n  progressDeadlineSeconds: 31'))).toEqual([]);
  });

  it('rejects negative counts', () => {
    expect(messages(deployment('  replicas: -1\n  revisionHistoryLimit: -2'))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
    expect(run(deployment('  replicas: 0\n  revisionHistoryLimit: 0'))).toEqual([]);
  });

  it('rejects a template restartPolicy other than Always and activeDeadlineSeconds (ValidatePodTemplateSpecForReplicaSet)', () => {
    expect(run(deployment('', '      restartPolicy: OnFailure\n'))).toEqual([
      [13, 22, 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ]);
    expect(run(deployment('', '      activeDeadlineSeconds: 60\n'))).toEqual([
      [
        13,
        7,
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ],
    ]);
    expect(run(deployment('', '      restartPolicy: Always\n'))).toEqual([]);
  });

  it('leaves other API versions and custom kinds alone', () => {
    const strategy = '  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0';
    expect(run(deployment(strategy).replace('apps/v1', 'extensions/v1beta1'))).toEqual([]);
    expect(run(deployment(strategy).replace('apps/v1', 'example.com/v1'))).toEqual([]);
  });
});

describe('invalid-workload-spec: ReplicaSet (ValidateReplicaSetSpec)', () => {
  const rs = (extra: string, pod = '') => deployment(extra, pod).replace('kind: Deployment', 'kind: ReplicaSet');
  it('rejects negative replicas and a non-Always restartPolicy; accepts a plain ReplicaSet', () => {
    expect(messages(rs('  replicas: -3', '      restartPolicy: Never\n'))).toEqual([
      'spec.replicas: Invalid value: -3: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(run(rs('  replicas: 2'))).toEqual([]);
  });
});

describe('invalid-workload-spec: StatefulSet (ValidateStatefulSetSpec, validateRollingUpdateStatefulSet)', () => {
  it('accepts defaults, OnDelete without rollingUpdate, partitions and maxUnavailable', () => {
    expect(run(statefulSet('  replicas: 3'))).toEqual([]);
    expect(run(statefulSet('  updateStrategy:\n    type: OnDelete'))).toEqual([]);
    expect(
      run(statefulSet('  updateStrategy:\n    rollingUpdate:\n      partition: 2\n      maxUnavailable: 2')),
    ).toEqual([]);
    expect(run(statefulSet('  podManagementPolicy: Parallel\n  ordinals:\n    start: 1'))).toEqual([]);
  });

  it('rejects rollingUpdate with OnDelete', () => {
    expect(run(statefulSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 1'))).toEqual([
      [
        12,
        7,
        `spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy 'RollingUpdate'`,
      ],
    ]);
  });

  it('rejects a negative partition and ordinals.start', () => {
    expect(
      messages(statefulSet('  updateStrategy:\n    rollingUpdate:\n      partition: -1\n  ordinals:\n    start: -1')),
    ).toEqual([
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('rejects maxUnavailable 0, over 100% or malformed where MaxUnavailableStatefulSet is on (1.35+)', () => {
    const ru = (v: string) => statefulSet(`  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: ${v}`);
    expect(messages(ru('0'))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0',
    ]);
    expect(messages(ru('"0%"'))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "0%": cannot be 0',
    ]);
    expect(messages(ru('"101%"'))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%',
    ]);
    expect(messages(ru('"x"'))).toEqual([
      `spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "x": ${PERCENT_MSG}`,
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "x": cannot be 0',
    ]);
    expect(run(ru('"50%"'))).toEqual([]);
  });

  it('rejects an unknown PVC retention policy (ValidatePersistentVolumeClaimRetentionPolicyType)', () => {
    expect(run(statefulSet('  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Keep'))).toEqual([
      [
        10,
        18,
        'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      ],
    ]);
    expect(
      run(statefulSet('  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n    whenScaled: Retain')),
    ).toEqual([]);
  });

  it('rejects a template restartPolicy other than Always and activeDeadlineSeconds', () => {
    expect(messages(statefulSet('', '      restartPolicy: Never\n      activeDeadlineSeconds: 5\n'))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });
});

describe('invalid-workload-spec: DaemonSet (ValidateDaemonSetSpec, ValidateRollingUpdateDaemonSet)', () => {
  it('accepts the default (maxUnavailable 1, maxSurge 0), surge with maxUnavailable 0, and OnDelete', () => {
    expect(run(daemonSet(''))).toEqual([]);
    expect(run(daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0'))).toEqual(
      [],
    );
    expect(run(daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: "10%"'))).toEqual([]);
    expect(run(daemonSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      maxSurge: 1'))).toEqual([]);
  });

  it('rejects maxSurge alone: maxUnavailable defaults to 1, and only one of the two may be non-zero', () => {
    expect(run(daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1'))).toEqual([
      [
        10,
        17,
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
      ],
    ]);
  });

  it('rejects both zero, and either over 100%', () => {
    expect(run(daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0'))).toEqual(
      [[11, 23, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    );
    expect(
      messages(daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: "120%"\n      maxUnavailable: 0')),
    ).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "120%": must not be greater than 100%']);
  });

  it('rejects negative minReadySeconds and a non-Always restartPolicy', () => {
    expect(messages(daemonSet('  minReadySeconds: -1', '      restartPolicy: OnFailure\n'))).toEqual([
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });
});

describe('invalid-workload-spec: feature gates follow --kube-version', () => {
  it('does not validate StatefulSet maxUnavailable before MaxUnavailableStatefulSet is on (1.34: alpha, off)', () => {
    const text = statefulSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0');
    expect(run(text, '1.34')).toEqual([]);
    expect(run(text, '1.35').length).toBe(1);
  });
});
