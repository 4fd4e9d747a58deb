/**
 * invalid-resources: ValidateResourceRequirements, validateContainerResourceName and ValidateResourceQuantityValue
 * of kubernetes pkg/apis/core/validation/validation.go (read at commit a7264f95, the 1.31 line), with the resource
 * classes of pkg/apis/core/helper (IsOvercommitAllowed, IsExtendedResourceName). Each case has its rejecting and
 * accepting twin; the messages are the API server's.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-resources.js';
import { runOnFiles } from './helpers.js';

const run = (text: string) => runOnFiles(rule, { 'p.yaml': text }).map((f) => [f.line, f.column, f.message]);
const messages = (text: string) => run(text).map((f) => f[2]);

/** A Pod whose container "app" has `resources:` with `body` (lines indented 8 spaces) from line 10 on. */
const pod = (body: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: app:1
      resources:
${body}`;

describe('invalid-resources', () => {
  it('accepts requests at or below limits, and limits alone', () => {
    expect(
      run(pod('        requests: {cpu: 500m, memory: 128Mi}\n        limits: {cpu: "1", memory: 128Mi}\n')),
    ).toEqual([]);
    expect(
      run(pod('        limits: {cpu: 1000m, memory: 1Gi}\n        requests: {cpu: "1", memory: 1024Mi}\n')),
    ).toEqual([]);
    expect(run(pod('        limits: {nvidia.com/gpu: 1}\n'))).toEqual([]);
    expect(run(pod('        requests: {ephemeral-storage: 1Gi, cpu: 0}\n'))).toEqual([]);
  });

  it('rejects a request above its limit (at the request)', () => {
    expect(run(pod('        requests: {cpu: "2"}\n        limits: {cpu: "1"}\n'))).toEqual([
      [
        10,
        25,
        'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      ],
    ]);
    expect(messages(pod('        requests:\n          memory: 2Gi\n        limits:\n          memory: 1Gi\n'))).toEqual(
      [
        'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      ],
    );
  });

  it('requires extended resources and hugepages to request exactly their limit, and to have one', () => {
    expect(messages(pod('        requests: {nvidia.com/gpu: 1}\n        limits: {nvidia.com/gpu: 2}\n'))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
    expect(messages(pod('        requests: {nvidia.com/gpu: 1}\n'))).toEqual([
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
    expect(
      messages(
        pod('        requests: {hugepages-2Mi: 2Mi, memory: 1Gi}\n        limits: {hugepages-2Mi: 4Mi, memory: 1Gi}\n'),
      ),
    ).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2Mi": must be equal to hugepages-2Mi limit of 4Mi',
    ]);
    expect(run(pod('        requests: {nvidia.com/gpu: 2}\n        limits: {nvidia.com/gpu: 2}\n'))).toEqual([]);
  });

  it('rejects fractions of extended resources and negative quantities', () => {
    expect(messages(pod('        limits: {example.com/dongle: 500m}\n'))).toEqual([
      'spec.containers[0].resources.limits[example.com/dongle]: Invalid value: "500m": must be an integer',
    ]);
    expect(messages(pod('        limits: {cpu: "-1"}\n'))).toEqual([
      'spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });

  it('rejects resource names containers cannot use', () => {
    expect(run(pod('        limits: {gpu: 1}\n'))).toEqual([
      [
        10,
        18,
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ]);
    expect(messages(pod('        requests: {storage: 1Gi}\n'))).toEqual([
      'spec.containers[0].resources.requests[storage]: Invalid value: "storage": must be a standard resource for containers',
    ]);
    // A domain-qualified name is an extended resource (here a whole number), hugepages-<size> a standard one.
    expect(run(pod('        limits: {example.com/foo: 1, hugepages-1Gi: 1Gi, memory: 1Gi}\n'))).toEqual([]);
  });

  it('rejects hugepages without cpu or memory', () => {
    expect(run(pod('        limits: {hugepages-2Mi: 2Mi}\n'))).toEqual([
      [9, 7, 'spec.containers[0].resources: Forbidden: HugePages require cpu or memory'],
    ]);
  });

  it('checks init containers and workload templates; the path names the template', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      initContainers:
        - name: init
          image: init:1
          resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}
      containers:
        - name: app
          image: app:1
`;
    expect(messages(deployment)).toEqual([
      'spec.template.spec.initContainers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });
});
