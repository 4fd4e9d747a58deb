import { describe, expect, it } from 'vitest';
import rule from '../../rules/dangerous-capabilities.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (add: string) => appPod(`      securityContext:\n        capabilities:\n          add: ${add}\n`);

describe('dangerous-capabilities', () => {
  it('accepts harmless additions', () => {
    expect(brief(pod('[NET_BIND_SERVICE, CHOWN]'))).toEqual([]);
    expect(brief(pod('null'))).toEqual([]);
  });

  it('reports each dangerous capability at its entry, with or without CAP_, in any case', () => {
    expect(brief(pod('[NET_BIND_SERVICE, cap_sys_admin, NET_RAW]'))).toEqual([
      [
        'dangerous-capabilities',
        11,
        35,
        'container "app" adds capability SYS_ADMIN: mount, namespaces, BPF and much more: effectively root on the node',
      ],
      [
        'dangerous-capabilities',
        11,
        50,
        'container "app" adds capability NET_RAW: craft raw packets (ARP/DNS spoofing inside the cluster network)',
      ],
    ]);
  });

  it('reports ALL', () => {
    expect(brief(pod('["ALL"]'))).toEqual([
      [
        'dangerous-capabilities',
        11,
        17,
        'container "app" adds capability ALL: every capability, close to running privileged',
      ],
    ]);
  });

  it('survives odd shapes', () => {
    expect(brief(pod('SYS_ADMIN'))).toEqual([]);
    expect(brief(pod('[1, {a: b}]'))).toEqual([]);
  });
});
