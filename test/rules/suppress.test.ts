import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { applySuppressions } from '../../src/rules/suppress.js';
import { yaml } from './helpers.js';

const finding = (ruleId: string, line: number, file = 'app.yaml', object?: Finding['object']): Finding => ({
  ruleId,
  severity: 'warning',
  message: `${ruleId}@${line}`,
  file,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  ...(object ? { object } : {}),
});

/** Runs applySuppressions on one file and returns the `rule@line` of the findings that survive. */
function surviving(text: string, findings: Finding[]): string[] {
  const { manifests } = loadText(text, 'app.yaml');
  return applySuppressions(findings, new Map([['app.yaml', text]]), manifests).map((f) => f.message);
}

describe('object annotation kubeplan.dev/ignore', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations:
        kubeplan.dev/ignore: "rule-a, schema/*"
        kubeplan.dev/ignore-reason: legacy app, owned by team X
    spec:
      replicas: 1
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      annotations: {kubeplan.dev/ignore: "*"}
  `;

  it('drops the listed rules inside the object, keeps other rules and other objects', () => {
    expect(
      surviving(text, [
        finding('rule-a', 9),
        finding('rule-b', 9),
        finding('schema/type', 8),
        finding('rule-a', 11, 'other.yaml'),
        finding('rule-a', 1),
      ]),
    ).toEqual(['rule-b@9', 'rule-a@11']);
  });

  it('"*" drops every finding of the object, also one reported elsewhere about it', () => {
    const service = { apiVersion: 'v1', kind: 'Service', name: 'web' };
    expect(surviving(text, [finding('anything', 14), finding('planner/x', 3, 'plan.yaml', service)])).toEqual([]);
  });
});

describe('comment directives', () => {
  it('disable-next-line covers exactly the next line and the listed rules', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      # kubeplan-disable-next-line rule-a,rule-b -- known, see ticket 12
      metadata: {name: x}
      data: {}
    `;
    expect(
      surviving(text, [
        finding('rule-a', 4),
        finding('rule-b', 4),
        finding('rule-c', 4),
        finding('rule-a', 5),
        finding('rule-a', 3),
      ]),
    ).toEqual(['rule-c@4', 'rule-a@5', 'rule-a@3']);
  });

  it('disable … enable regions, for some rules or all', () => {
    const text = yaml`
      a: 1
      # kubeplan-disable rule-a
      b: 2
      # kubeplan-enable rule-a
      c: 3
      # kubeplan-disable
      d: 4
      # kubeplan-enable rule-b
      e: 5
      # kubeplan-enable
      f: 6
    `;
    const all = [1, 3, 5, 7, 9, 11].flatMap((line) => [finding('rule-a', line), finding('rule-b', line)]);
    expect(surviving(text, all)).toEqual([
      'rule-a@1',
      'rule-b@1',
      'rule-b@3',
      'rule-a@5',
      'rule-b@5',
      'rule-b@9',
      'rule-a@11',
      'rule-b@11',
    ]);
  });

  it('ignores directives that are not whole-line comments, and unknown words', () => {
    const text = yaml`
      a: "# kubeplan-disable-next-line rule-a"
      b: 1
      # kubeplan-disabled rule-a
      c: 2
    `;
    expect(surviving(text, [finding('rule-a', 2), finding('rule-a', 4)])).toEqual(['rule-a@2', 'rule-a@4']);
  });

  it('applies to any finding in the file, including loader findings, and only to that file', () => {
    const text = '# kubeplan-disable-next-line yaml/duplicate-key\nkey: 1\n';
    expect(surviving(text, [finding('yaml/duplicate-key', 2), finding('yaml/duplicate-key', 2, 'b.yaml')])).toEqual([
      'yaml/duplicate-key@2',
    ]);
  });

  it('handles CRLF line endings', () => {
    const text = 'a: 1\r\n# kubeplan-disable-next-line rule-a\r\nb: 2\r\n';
    expect(surviving(text, [finding('rule-a', 3)])).toEqual([]);
  });
});
