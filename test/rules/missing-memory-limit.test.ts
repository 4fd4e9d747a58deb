import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-memory-limit.js';
import { runOnFiles, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const statefulSet = (resources: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16
${resources}`;

describe('missing-memory-limit', () => {
  it('accepts a memory limit', () => {
    expect(brief(statefulSet('          resources:\n            limits: {memory: 1Gi}\n'))).toEqual([]);
  });

  it('does not take the request as a limit', () => {
    expect(brief(statefulSet('          resources:\n            requests: {memory: 1Gi}\n'))).toEqual([
      ['missing-memory-limit', 12, 13, 'container "postgres" has no memory limit (resources.limits.memory)'],
    ]);
  });

  it('reports a zero limit at the value', () => {
    expect(brief(statefulSet('          resources:\n            limits:\n              memory: "0"\n'))).toEqual([
      [
        'missing-memory-limit',
        13,
        23,
        'container "postgres" has a memory limit of 0, which means no limit; set resources.limits.memory',
      ],
    ]);
  });

  it('ignores a LimitRange defaultRequest (it sets requests, not limits)', () => {
    const limitRange =
      'apiVersion: v1\nkind: LimitRange\nmetadata: {name: d}\nspec:\n  limits:\n    - type: Container\n      defaultRequest: {memory: 128Mi}\n---\n';
    // The StatefulSet starts on line 9 (after the LimitRange's 8 lines): with no resources the finding is at the
    // container, its `name:` key on the StatefulSet's line 9 (file line 17), column 11 (after `        - `).
    expect(brief(limitRange + statefulSet(''))).toEqual([
      ['missing-memory-limit', 17, 11, 'container "postgres" has no memory limit (resources.limits.memory)'],
    ]);
    expect(runOnFiles(rule, { 'db.yaml': limitRange + statefulSet('') })[0]?.severity).toBe('warning');
  });
});
