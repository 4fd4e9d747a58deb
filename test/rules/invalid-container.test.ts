/**
 * invalid-container: validateContainerCommon, ValidateEnv / validateEnvVarValueFrom / ValidateEnvFrom,
 * ValidateVolumeMounts, validateProbe (+ liveness/readiness/startup), validateHandler, validateInitContainers and
 * ValidateSecurityContext of kubernetes pkg/apis/core/validation/validation.go (read at commit a7264f95, the 1.31
 * line); probe defaults from SetDefaults_Probe (pkg/apis/core/v1/defaults.go: a 0 is defaulted like a missing value).
 * Each validation has a rejecting and an accepting case; messages are the API server's.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-container.js';
import { appPod, runOnFiles } from './helpers.js';

const run = (text: string, kubeVersion?: string) =>
  runOnFiles(rule, { 'p.yaml': text }, kubeVersion ? { kubeVersion } : {}).map((f) => [f.line, f.column, f.message]);
const messages = (text: string, kubeVersion?: string) => run(text, kubeVersion).map((f) => f[2]);

describe('invalid-container: name and image (validateContainerCommon)', () => {
  it('requires an image and a DNS-1123 label name', () => {
    expect(
      messages('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: App_1\n'),
    ).toEqual([
      'spec.containers[0].name: Invalid value: "App_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
      'spec.containers[0].image: Required value',
    ]);
    expect(run(appPod(''))).toEqual([]);
  });
});

describe('invalid-container: env (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom)', () => {
  it('accepts relaxed names from 1.32 and one source per valueFrom', () => {
    expect(
      run(
        appPod(
          '      env:\n        - name: 1st.value-with spaces\n          value: x\n        - name: POD\n          valueFrom:\n            fieldRef: {fieldPath: metadata.name}\n',
        ),
      ),
    ).toEqual([]);
  });

  it('rejects names with "=" (relaxed rule), and digits first before 1.32 (IsEnvVarName)', () => {
    expect(run(appPod('      env:\n        - name: A=B\n          value: x\n'))).toEqual([
      [
        10,
        17,
        'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      ],
    ]);
    expect(messages(appPod('      env:\n        - name: 1st\n          value: x\n'), '1.31')).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"1st\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
    expect(run(appPod('      env:\n        - name: FIRST\n          value: x\n'), '1.31')).toEqual([]);
  });

  it('rejects a valueFrom with no source, two sources, or beside a value', () => {
    expect(messages(appPod('      env:\n        - name: A\n          valueFrom: {}\n'))).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    ]);
    expect(
      messages(
        appPod(
          '      env:\n        - name: A\n          valueFrom:\n            fieldRef: {fieldPath: metadata.name}\n            secretKeyRef: {name: s, key: k}\n',
        ),
      ),
    ).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
    ]);
    expect(
      messages(
        appPod(
          '      env:\n        - name: A\n          value: x\n          valueFrom:\n            secretKeyRef: {name: s, key: k}\n',
        ),
      ),
    ).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
  });

  it('rejects an envFrom entry with neither or both sources', () => {
    expect(messages(appPod('      envFrom:\n        - prefix: APP_\n'))).toEqual([
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    ]);
    expect(
      messages(appPod('      envFrom:\n        - configMapRef: {name: c}\n          secretRef: {name: s}\n')),
    ).toEqual(['spec.containers[0].envFrom: Invalid value: "": may not have more than one field specified at a time']);
    expect(run(appPod('      envFrom:\n        - configMapRef: {name: c}\n        - secretRef: {name: s}\n'))).toEqual(
      [],
    );
  });
});

describe('invalid-container: volumeMounts (ValidateVolumeMounts)', () => {
  const withVolumes = (mounts: string) =>
    appPod(`      volumeMounts:\n${mounts}`) +
    '  volumes:\n    - name: a\n      emptyDir: {}\n    - name: b\n      emptyDir: {}\n';
  it('rejects a mountPath used twice', () => {
    expect(run(withVolumes('        - {name: a, mountPath: /data}\n        - {name: b, mountPath: /data}\n'))).toEqual([
      [11, 32, 'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'],
    ]);
    expect(run(withVolumes('        - {name: a, mountPath: /data}\n        - {name: b, mountPath: /cache}\n'))).toEqual(
      [],
    );
  });

  it('rejects subPath with subPathExpr, and absolute or climbing sub-paths', () => {
    expect(messages(withVolumes('        - {name: a, mountPath: /x, subPath: s, subPathExpr: $(POD)}\n'))).toEqual([
      'spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: "$(POD)": subPathExpr and subPath are mutually exclusive',
    ]);
    expect(
      messages(
        withVolumes(
          '        - {name: a, mountPath: /x, subPath: /etc}\n        - {name: b, mountPath: /y, subPath: a/../../b}\n',
        ),
      ),
    ).toEqual([
      'spec.containers[0].volumeMounts.subPath: Invalid value: "/etc": must be a relative path',
      'spec.containers[0].volumeMounts.subPath: Invalid value: "a/../../b": must not contain \'..\'',
    ]);
    expect(run(withVolumes('        - {name: a, mountPath: /x, subPath: conf/app..d}\n'))).toEqual([]);
  });
});

describe('invalid-container: probes and lifecycle (validateProbe, validateHandler)', () => {
  it('accepts one handler with defaulted numbers; 0 is defaulted, not rejected', () => {
    expect(
      run(
        appPod(
          '      livenessProbe:\n        httpGet: {path: /healthz, port: http}\n        successThreshold: 0\n        periodSeconds: 0\n      readinessProbe:\n        tcpSocket: {port: 8080}\n        successThreshold: 3\n      startupProbe:\n        grpc: {port: 9000}\n',
        ),
      ),
    ).toEqual([]);
  });

  it('rejects a probe without a handler, or with two', () => {
    expect(run(appPod('      livenessProbe:\n        periodSeconds: 5\n'))).toEqual([
      [9, 7, 'spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    ]);
    expect(
      run(appPod('      readinessProbe:\n        exec: {command: [true]}\n        tcpSocket: {port: 80}\n')),
    ).toEqual([
      [11, 9, 'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ]);
    expect(messages(appPod('      startupProbe:\n        exec: {command: []}\n'))).toEqual([
      'spec.containers[0].startupProbe.exec.command: Required value',
    ]);
  });

  it('rejects successThreshold other than 1 on liveness and startup probes, and negative numbers', () => {
    expect(run(appPod('      livenessProbe:\n        tcpSocket: {port: 80}\n        successThreshold: 2\n'))).toEqual([
      [11, 27, 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ]);
    expect(
      messages(appPod('      readinessProbe:\n        tcpSocket: {port: 80}\n        initialDelaySeconds: -5\n')),
    ).toEqual([
      'spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0',
    ]);
  });

  it('rejects probe ports that are no port number or name, and terminationGracePeriodSeconds rules', () => {
    expect(messages(appPod('      livenessProbe:\n        httpGet: {path: /, port: "8080"}\n'))).toEqual([
      'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
    expect(messages(appPod('      livenessProbe:\n        tcpSocket: {port: 70000}\n'))).toEqual([
      'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(
      messages(
        appPod('      readinessProbe:\n        tcpSocket: {port: 80}\n        terminationGracePeriodSeconds: 10\n'),
      ),
    ).toEqual([
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
    ]);
    expect(
      messages(
        appPod('      livenessProbe:\n        tcpSocket: {port: 80}\n        terminationGracePeriodSeconds: 0\n'),
      ),
    ).toEqual([
      'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
    ]);
    expect(
      run(appPod('      livenessProbe:\n        tcpSocket: {port: 80}\n        terminationGracePeriodSeconds: 10\n')),
    ).toEqual([]);
  });

  it('rejects a lifecycle hook without a handler; accepts sleep and exec hooks', () => {
    expect(messages(appPod('      lifecycle:\n        preStop: {}\n'))).toEqual([
      'spec.containers[0].lifecycle.preStop: Required value: must specify a handler type',
    ]);
    expect(
      run(
        appPod(
          '      lifecycle:\n        preStop: {sleep: {seconds: 5}}\n        postStart: {exec: {command: [sh]}}\n',
        ),
      ),
    ).toEqual([]);
  });
});

describe('invalid-container: init containers (validateInitContainers)', () => {
  const init = (fields: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: init
      image: init:1
${fields}  containers:
    - name: app
      image: app:1
`;
  it('forbids probes and hooks on init containers, but not on restartPolicy: Always sidecars', () => {
    expect(run(init('      readinessProbe:\n        tcpSocket: {port: 80}\n'))).toEqual([
      [
        8,
        7,
        'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      ],
    ]);
    expect(run(init('      restartPolicy: Always\n      readinessProbe:\n        tcpSocket: {port: 80}\n'))).toEqual(
      [],
    );
  });
});

describe('invalid-container: securityContext (ValidateSecurityContext)', () => {
  it('rejects allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN, and out-of-range ids', () => {
    expect(messages(appPod('      securityContext: {allowPrivilegeEscalation: false, privileged: true}\n'))).toEqual([
      'spec.containers[0].securityContext: Invalid value: {"allowPrivilegeEscalation":false,"privileged":true}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
    expect(
      messages(
        appPod(
          '      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities: {add: [CAP_SYS_ADMIN]}\n',
        ),
      ),
    ).toEqual([
      'spec.containers[0].securityContext: Invalid value: {"allowPrivilegeEscalation":false,"capabilities":{"add":["CAP_SYS_ADMIN"]}}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
    ]);
    expect(messages(appPod('      securityContext: {runAsUser: -1}\n'))).toEqual([
      'spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
    expect(
      run(appPod('      securityContext: {allowPrivilegeEscalation: false, runAsUser: 1000, privileged: false}\n')),
    ).toEqual([]);
  });
});
