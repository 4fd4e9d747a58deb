import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-memory-request.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (resources: string) => appPod(resources, 'app:1.0');

describe('missing-memory-request', () => {
  it('accepts a memory request, or a memory limit alone', () => {
    expect(brief(pod('      resources:\n        requests:\n          memory: 64Mi\n'))).toEqual([]);
    expect(brief(pod('      resources:\n        limits:\n          memory: 64Mi\n'))).toEqual([]);
  });

  it('reports a missing request where it would go', () => {
    expect(brief(pod('      resources:\n        limits:\n          cpu: 1\n'))).toEqual([
      ['missing-memory-request', 10, 9, 'container "app" has no memory request (resources.requests.memory)'],
    ]);
  });

  it('reports a zero request at the value', () => {
    expect(brief(pod('      resources:\n        requests:\n          memory: 0\n'))).toEqual([
      [
        'missing-memory-request',
        11,
        19,
        'container "app" requests 0 memory; set resources.requests.memory to its working set',
      ],
    ]);
  });

  it('uses LimitRange default limits as request defaults', () => {
    const limitRange =
      'apiVersion: v1\nkind: LimitRange\nmetadata: {name: d}\nspec:\n  limits:\n    - type: Container\n      default: {memory: 128Mi}\n---\n';
    expect(brief(limitRange + pod(''))).toEqual([]);
  });
});
