import { describe, expect, it } from 'vitest';
import rule from '../../rules/drop-all-capabilities.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (securityContext: string) => appPod(`      securityContext:\n${securityContext}`);

describe('drop-all-capabilities', () => {
  it('accepts drop: [ALL], in any case', () => {
    expect(brief(pod('        capabilities:\n          drop: [ALL]\n'))).toEqual([]);
    expect(brief(pod('        capabilities:\n          drop: [all]\n'))).toEqual([]);
  });

  it('reports a container that drops only NET_RAW at the drop list', () => {
    expect(brief(pod('        capabilities:\n          drop: [NET_RAW]\n'))).toEqual([
      [
        'drop-all-capabilities',
        11,
        17,
        'container "app" does not drop ALL capabilities (securityContext.capabilities.drop)',
      ],
    ]);
  });

  it('reports a container without capabilities', () => {
    expect(brief(pod('        capabilities: {}\n'))).toEqual([
      [
        'drop-all-capabilities',
        10,
        23,
        'container "app" does not drop ALL capabilities (securityContext.capabilities.drop)',
      ],
    ]);
  });

  it('skips privileged containers', () => {
    expect(brief(pod('        privileged: true\n'))).toEqual([]);
  });
});
