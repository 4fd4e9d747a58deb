import { describe, expect, it } from 'vitest';
import rule from '../../rules/host-ipc.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const cronJob = (value: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          hostIPC: ${value}
          containers: [{name: app, image: app:1}]
`;

describe('host-ipc', () => {
  it('accepts false', () => expect(brief(cronJob('false'))).toEqual([]));

  it('reports true at the value, inside a CronJob', () => {
    expect(brief(cronJob('true'))).toEqual([
      [
        'host-ipc',
        11,
        20,
        "hostIPC: true shares the node's IPC namespace: the pod can read other processes' shared memory",
      ],
    ]);
  });
});
