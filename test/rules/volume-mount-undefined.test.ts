import { describe, expect, it } from 'vitest';
import rule from '../../rules/volume-mount-undefined.js';
import { runRule, yaml } from './helpers.js';

const statefulSet = yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  spec:
    template:
      spec:
        volumes: [{name: config, configMap: {name: db-config}}]
        initContainers:
          - {name: init, image: busybox:1, volumeMounts: [{name: data, mountPath: /data}]}
        containers:
          - name: db
            image: postgres:17
            volumeMounts:
              - {name: config, mountPath: /etc/db}
              - {name: data, mountPath: /var/lib/postgresql}
              - {name: logs, mountPath: /var/log}
            volumeDevices:
              - {name: raw, devicePath: /dev/xvda}
    volumeClaimTemplates:
      - metadata: {name: data}
`;

describe('volume-mount-undefined', () => {
  it('accepts mounts of volumes and of volumeClaimTemplates', () => {
    expect(
      runRule(rule, statefulSet.replace('{name: logs', '{name: config').replace('{name: raw', '{name: data')),
    ).toEqual([]);
  });

  it('reports mounts and devices naming neither', () => {
    expect(runRule(rule, statefulSet)).toEqual([
      {
        ruleId: 'volume-mount-undefined',
        line: 16,
        column: 22,
        message: 'StatefulSet db: container "db" mounts "logs", which is neither a volume nor a volumeClaimTemplate',
      },
      {
        ruleId: 'volume-mount-undefined',
        line: 18,
        column: 22,
        message: 'StatefulSet db: container "db" mounts "raw", which is neither a volume nor a volumeClaimTemplate',
      },
    ]);
  });

  it('does not count volumeClaimTemplates outside StatefulSets; checks init and ephemeral containers', () => {
    const pod = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: debug}
      spec:
        volumes: [{name: tmp, emptyDir: {}}]
        initContainers: [{name: init, image: busybox:1, volumeMounts: [{name: data, mountPath: /d}]}]
        containers: [{name: app, image: app:1, volumeMounts: [{name: tmp, mountPath: /tmp}]}]
        ephemeralContainers: [{name: dbg, image: busybox:1, volumeMounts: [{name: cache, mountPath: /c}]}]
    `;
    expect(runRule(rule, pod).map((f) => [f.line, f.message])).toEqual([
      [6, 'Pod debug: init container "init" mounts "data", which is not a volume of the pod'],
      [8, 'Pod debug: ephemeral container "dbg" mounts "cache", which is not a volume of the pod'],
    ]);
  });
});
