/**
 * invalid-pod-spec: ValidatePodSpec and the functions it calls for the pod as a whole (validateContainers /
 * validateInitContainers names, ValidateVolumes, validatePodHostNetworkDeps, checkHostPortConflicts,
 * validateWindowsHostProcessPod, validateHostUsers, validatePodSpecSecurityContext, validatePodDNSConfig,
 * validateTopologySpreadConstraints, ValidateTolerations, validateAffinity) of kubernetes
 * pkg/apis/core/validation/validation.go, read at commit a7264f95 (the 1.31 line). Each validation has a rejecting
 * and an accepting case; messages are the API server's.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-pod-spec.js';
import { runOnFiles } from './helpers.js';

const run = (text: string) => runOnFiles(rule, { 'p.yaml': text }).map((f) => [f.line, f.column, f.message]);
const messages = (text: string) => run(text).map((f) => f[2]);

/** A Pod whose spec is `body` (lines indented 2 spaces), from line 5 on. */
const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${body}`;
const app = '  containers:\n    - name: app\n      image: app:1\n';

describe('invalid-pod-spec: names (validateContainers, validateInitContainers, ValidateVolumes)', () => {
  it('rejects a container name used twice, also between init and app containers', () => {
    expect(run(pod(`${app}    - name: app\n      image: other:1\n`))).toEqual([
      [9, 13, 'spec.containers[1].name: Duplicate value: "app"'],
    ]);
    expect(messages(pod(`${app}  initContainers:\n    - name: app\n      image: init:1\n`))).toEqual([
      'spec.initContainers[0].name: Duplicate value: "app"',
    ]);
    expect(run(pod(`${app}  initContainers:\n    - name: init\n      image: init:1\n`))).toEqual([]);
  });

  it('rejects a volume name used twice or that is no DNS-1123 label', () => {
    expect(
      messages(
        pod(
          `${app}  volumes:\n    - {name: data, emptyDir: {}}\n    - {name: data, emptyDir: {}}\n    - {name: Data_2, emptyDir: {}}\n`,
        ),
      ),
    ).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.volumes[2].name: Invalid value: "Data_2": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
    ]);
    expect(run(pod(`${app}  volumes:\n    - {name: data, emptyDir: {}}\n    - {name: cache, emptyDir: {}}\n`))).toEqual(
      [],
    );
  });
});

describe('invalid-pod-spec: host ports (validatePodHostNetworkDeps, checkHostPortConflicts)', () => {
  it('rejects a hostPort other than the containerPort under hostNetwork; accepts equal or unset', () => {
    expect(
      run(pod(`  hostNetwork: true\n${app}      ports:\n        - {containerPort: 8080, hostPort: 80}\n`)),
    ).toEqual([
      [
        11,
        43,
        'spec.containers[0].ports[0].hostPort: Invalid value: 80: must match `containerPort` when `hostNetwork` is true',
      ],
    ]);
    expect(
      run(
        pod(
          `  hostNetwork: true\n${app}      ports:\n        - {containerPort: 8080, hostPort: 8080}\n        - {containerPort: 9090}\n`,
        ),
      ),
    ).toEqual([]);
  });

  it('rejects the same protocol/hostIP/hostPort twice among app containers, not across init containers', () => {
    const twice = `${app}      ports: [{containerPort: 80, hostPort: 8080}]\n    - name: b\n      image: b:1\n      ports: [{containerPort: 81, hostPort: 8080}]\n`;
    expect(messages(pod(twice))).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
    expect(
      run(
        pod(twice.replace('{containerPort: 81, hostPort: 8080}', '{containerPort: 81, hostPort: 8080, protocol: UDP}')),
      ),
    ).toEqual([]);
    const inits = `${app}  initContainers:\n    - {name: i1, image: i:1, ports: [{containerPort: 80, hostPort: 8080}]}\n    - {name: i2, image: i:1, ports: [{containerPort: 80, hostPort: 8080}]}\n`;
    expect(run(pod(inits))).toEqual([]);
  });

  it('under hostNetwork two containers on one containerPort conflict (the pod defaults hostPort to it)', () => {
    const text = pod(
      `  hostNetwork: true\n${app}      ports: [{containerPort: 9100}]\n    - name: b\n      image: b:1\n      ports: [{containerPort: 9100}]\n`,
    );
    expect(messages(text)).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//9100"']);
  });
});

describe('invalid-pod-spec: Windows hostProcess (validateWindowsHostProcessPod)', () => {
  const windows = (podExtra: string, c1 = '', c2 = '') =>
    pod(`${podExtra}  containers:\n    - name: a\n      image: a:1\n${c1}    - name: b\n      image: b:1\n${c2}`);
  const hp = (v: boolean) => `      securityContext: {windowsOptions: {hostProcess: ${v}}}\n`;
  it('rejects hostProcess without hostNetwork, and mixed containers', () => {
    expect(messages(windows('', hp(true), hp(true)))).toEqual([
      'spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
    ]);
    expect(messages(windows('  hostNetwork: true\n', hp(true)))).toEqual([
      'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
    ]);
    expect(run(windows('  hostNetwork: true\n  securityContext: {windowsOptions: {hostProcess: true}}\n'))).toEqual([]);
  });

  it('rejects a container hostProcess that contradicts the pod', () => {
    expect(
      messages(windows('  hostNetwork: true\n  securityContext: {windowsOptions: {hostProcess: true}}\n', hp(false))),
    ).toEqual([
      'spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
    ]);
  });
});

describe('invalid-pod-spec: host namespaces and deadlines', () => {
  it('rejects hostUsers: false with host namespaces, shareProcessNamespace with hostPID', () => {
    expect(messages(pod(`  hostUsers: false\n  hostNetwork: true\n  hostPID: true\n${app}`))).toEqual([
      'spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false',
      'spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false',
    ]);
    expect(messages(pod(`  shareProcessNamespace: true\n  hostPID: true\n${app}`))).toEqual([
      'spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled',
    ]);
    expect(run(pod(`  hostUsers: false\n  shareProcessNamespace: true\n${app}`))).toEqual([]);
  });

  it('rejects activeDeadlineSeconds below 1', () => {
    expect(messages(pod(`  activeDeadlineSeconds: 0\n${app}`))).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
    expect(run(pod(`  activeDeadlineSeconds: 1\n${app}`))).toEqual([]);
  });
});

describe('invalid-pod-spec: DNS (validatePodDNSConfig)', () => {
  it('requires nameservers with dnsPolicy None and allows at most 3', () => {
    expect(messages(pod(`  dnsPolicy: None\n${app}`))).toEqual([
      'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    ]);
    expect(messages(pod(`  dnsPolicy: None\n  dnsConfig: {searches: [a.local]}\n${app}`))).toEqual([
      'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    ]);
    expect(messages(pod(`  dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]}\n${app}`))).toEqual([
      'spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","1.0.0.1","8.8.8.8","8.8.4.4"]: must not have more than 3 nameservers',
    ]);
    expect(run(pod(`  dnsPolicy: None\n  dnsConfig: {nameservers: [1.1.1.1]}\n${app}`))).toEqual([]);
  });
});

describe('invalid-pod-spec: topology spread (validateTopologySpreadConstraints)', () => {
  const tsc = (items: string) => pod(`  topologySpreadConstraints:\n${items}${app}`);
  const c = (extra: string) =>
    `    - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}${extra}}\n`;
  it('rejects maxSkew 0, minDomains 0 or with ScheduleAnyway, and repeated key/action pairs', () => {
    expect(messages(tsc(c('').replace('maxSkew: 1', 'maxSkew: 0')))).toEqual([
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    ]);
    expect(messages(tsc(c(', minDomains: 2').replace('DoNotSchedule', 'ScheduleAnyway')))).toEqual([
      'spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ]);
    expect(messages(tsc(c('') + c('')))).toEqual([
      'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
    ]);
    expect(run(tsc(c(', minDomains: 2') + c('').replace('zone', 'kubernetes.io/hostname')))).toEqual([]);
  });
});

describe('invalid-pod-spec: tolerations and affinity (ValidateTolerations, validateAffinity)', () => {
  it('rejects a keyless toleration that is not Exists, Exists with a value, tolerationSeconds off NoExecute', () => {
    expect(
      messages(
        pod(
          `  tolerations:\n    - {operator: Equal, value: x}\n    - {key: k, operator: Exists, value: v}\n    - {key: k, effect: NoSchedule, tolerationSeconds: 5}\n${app}`,
        ),
      ),
    ).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].operator: Invalid value: {"key":"k","operator":"Exists","value":"v"}: value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
    expect(
      run(
        pod(
          `  tolerations:\n    - {operator: Exists}\n    - {key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 30}\n${app}`,
        ),
      ),
    ).toEqual([]);
  });

  it('rejects preferred weights outside 1-100 and an empty topologyKey', () => {
    const text = pod(`  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - {weight: 0, preference: {matchExpressions: [{key: a, operator: Exists}]}}
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        - {topologyKey: "", labelSelector: {matchLabels: {app: a}}}
${app}`);
    expect(messages(text)).toEqual([
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
    ]);
    expect(run(text.replace('weight: 0', 'weight: 100').replace('topologyKey: ""', 'topologyKey: zone'))).toEqual([]);
  });
});

describe('invalid-pod-spec: workload templates', () => {
  it('checks the template of a Deployment, with the path of the template', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
        - {name: app, image: app:1}
        - {name: app, image: app:2}
`;
    expect(messages(text)).toEqual(['spec.template.spec.containers[1].name: Duplicate value: "app"']);
  });
});
