import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-cpu-request.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (resources: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1.0
${resources}`;

describe('missing-cpu-request', () => {
  it('accepts a CPU request, and a limit alone (the API copies it into the request)', () => {
    expect(brief(deployment('          resources:\n            requests:\n              cpu: 100m\n'))).toEqual([]);
    expect(brief(deployment('          resources:\n            limits:\n              cpu: 1\n'))).toEqual([]);
  });

  it('reports a container without resources at the container', () => {
    expect(brief(deployment(''))).toEqual([
      ['missing-cpu-request', 9, 11, 'container "app" has no CPU request (resources.requests.cpu)'],
    ]);
  });

  it('points at the deepest part of resources that exists', () => {
    expect(brief(deployment('          resources:\n            requests:\n              memory: 1Gi\n'))).toEqual([
      ['missing-cpu-request', 13, 15, 'container "app" has no CPU request (resources.requests.cpu)'],
    ]);
  });

  it('reports a zero request at the value', () => {
    expect(brief(deployment('          resources:\n            requests:\n              cpu: "0m"\n'))).toEqual([
      ['missing-cpu-request', 13, 20, 'container "app" requests 0 CPU; set resources.requests.cpu to what it needs'],
    ]);
  });

  it('checks init containers of every workload kind, e.g. a CronJob', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: migrate
          containers:
            - name: run
              resources: {requests: {cpu: 1}}
`;
    expect(brief(text)).toEqual([
      ['missing-cpu-request', 12, 15, 'init container "migrate" has no CPU request (resources.requests.cpu)'],
    ]);
  });

  it('honours a LimitRange default in the same namespace only', () => {
    const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: team
spec:
  limits:
    - type: Container
      defaultRequest:
        cpu: 100m
---
`;
    const inTeam = deployment('').replace('name: api', 'name: api\n  namespace: team');
    expect(brief(limitRange + inTeam)).toEqual([]);
    expect(brief(limitRange + deployment(''))).toHaveLength(1);
  });

  it('never throws on odd shapes', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: odd}
spec:
  template:
    spec:
      containers:
        - "not a container"
        - null
        - name: app
          resources: [1, 2]
`;
    expect(brief(text)).toEqual([
      ['missing-cpu-request', 11, 22, 'container "app" has no CPU request (resources.requests.cpu)'],
    ]);
    expect(
      brief('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: 3}}}\n'),
    ).toEqual([]);
  });
});
