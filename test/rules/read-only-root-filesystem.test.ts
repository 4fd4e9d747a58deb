import { describe, expect, it } from 'vitest';
import rule from '../../rules/read-only-root-filesystem.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const job = (container: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: run:1
${container}`;

describe('read-only-root-filesystem', () => {
  it('accepts readOnlyRootFilesystem: true', () => {
    expect(brief(job('          securityContext:\n            readOnlyRootFilesystem: true\n'))).toEqual([]);
  });

  it('reports an explicit false at the value', () => {
    expect(brief(job('          securityContext:\n            readOnlyRootFilesystem: false\n'))).toEqual([
      [
        'read-only-root-filesystem',
        13,
        37,
        'container "run" sets readOnlyRootFilesystem: false; make the root filesystem read-only',
      ],
    ]);
  });

  it('reports the unset default where securityContext would go', () => {
    expect(brief(job('          securityContext: {}\n'))).toEqual([
      ['read-only-root-filesystem', 12, 28, 'container "run" does not set readOnlyRootFilesystem: true'],
    ]);
    expect(brief(job(''))).toEqual([
      ['read-only-root-filesystem', 10, 11, 'container "run" does not set readOnlyRootFilesystem: true'],
    ]);
  });
});
