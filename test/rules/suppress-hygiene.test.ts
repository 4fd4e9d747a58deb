/**
 * Suppression hygiene, as ESLint: a directive or ignore annotation naming an unknown rule id is reported (with a
 * did-you-mean), and with reportUnusedDisableDirectives those that suppress nothing are reported too.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/api/check.js';
import { lintText } from '../../src/lint.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: big',
  '  annotations:',
  '    kubeplan.dev/ignore: "latest-tags, run-as-non-root, host-pid"',
  'spec:',
  '  # kubeplan-disable-next-line plan/unschedulable',
  '  containers:',
  '  # kubeplan-disable-next-line missing-cpu-requests, latest-tag -- because',
  '  - name: c',
  '    image: nginx:1.27',
  '    resources: {requests: {cpu: "100"}}',
  '',
].join('\n');

const hygiene = (findings: { ruleId: string; line: number; column: number; message: string }[]) =>
  findings
    .filter((f) => f.ruleId.startsWith('directive/'))
    .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

describe('unknown rule ids in suppressions', () => {
  it('are reported at the id, with a did-you-mean, whether or not unused ones are asked for', () => {
    expect(hygiene(lintText(POD, 'a.yaml').findings)).toEqual([
      '6:26 directive/unknown-rule unknown rule "latest-tags" in the kubeplan.dev/ignore annotation (did you mean "latest-tag"?)',
      // Column 32: the id starts after "  # kubeplan-disable-next-line " (31 characters).
      '10:32 directive/unknown-rule unknown rule "missing-cpu-requests" in a kubeplan-disable-next-line comment (did you mean "missing-cpu-request"?)',
    ]);
  });

  it('accept known ids, "*", prefixes that match a family, and report a prefix that matches nothing', () => {
    const text = (ids: string) => `# kubeplan-disable ${ids}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n`;
    expect(hygiene(lintText(text('latest-tag, *, schema/*, plan/*'), 'a.yaml').findings)).toEqual([]);
    expect(hygiene(lintText(text('nosuch/*'), 'a.yaml').findings)).toEqual([
      '1:20 directive/unknown-rule unknown rule "nosuch/*" in a kubeplan-disable comment',
    ]);
  });

  it('can be turned off like any check', () => {
    expect(hygiene(lintText(POD, 'a.yaml', { severities: { 'directive/unknown-rule': 'off' } }).findings)).toEqual([]);
  });
});

describe('--report-unused-disable-directives', () => {
  it('is off by default', () => {
    expect(hygiene(lintText(POD, 'a.yaml').findings).filter((f) => f.includes('unused'))).toEqual([]);
  });

  it('lint: reports ids that suppressed nothing, but not planner ids (lint never runs the planner)', () => {
    const unused = hygiene(lintText(POD, 'a.yaml', { reportUnusedDisableDirectives: true }).findings).filter((f) =>
      f.includes('directive/unused'),
    );
    // run-as-non-root fires on the pod (no securityContext) and is used; host-pid does not fire (hostPID unset);
    // latest-tag does not fire on nginx:1.27; plan/unschedulable cannot be judged by lint.
    expect(unused).toEqual([
      '6:26 directive/unused unused kubeplan.dev/ignore id "host-pid": no such finding about this object',
      '10:54 directive/unused unused kubeplan-disable-next-line comment: no "latest-tag" finding to suppress here',
    ]);
  });

  it('check: judges planner ids after planning: plan/unschedulable is reported on line 13, not under line 8', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-hygiene-'));
    writeFileSync(path.join(dir, 'a.yaml'), POD);
    const r = check(['a.yaml'], { cwd: dir, reportUnusedDisableDirectives: true });
    // 100 CPUs fit none of the default nodes (4 CPU each): the finding is at the cpu request (line 13).
    expect(r.findings.find((f) => f.ruleId === 'plan/unschedulable')?.line).toBe(13);
    expect(hygiene(r.findings).filter((f) => f.includes('directive/unused'))).toEqual([
      '6:26 directive/unused unused kubeplan.dev/ignore id "host-pid": no such finding about this object',
      '8:32 directive/unused unused kubeplan-disable-next-line comment: no "plan/unschedulable" finding to suppress here',
      '10:54 directive/unused unused kubeplan-disable-next-line comment: no "latest-tag" finding to suppress here',
    ]);
  });

  it('a bare directive is used when it suppresses anything; a region counts what it covers', () => {
    const used = '# kubeplan-disable-next-line\n- a: 1\n  a: 2\n';
    expect(hygiene(lintText(used, 'a.yaml', { reportUnusedDisableDirectives: true }).findings)).toEqual([]);
    const region = [
      '# kubeplan-disable yaml/duplicate-key, latest-tag',
      'a: 1',
      'a: 2',
      '# kubeplan-enable',
      '# kubeplan-disable-next-line',
      'b: 1',
      '',
    ].join('\n');
    expect(
      hygiene(
        lintText(region, 'a.yaml', { reportUnusedDisableDirectives: true, severities: { 'schema/required': 'off' } })
          .findings,
      ),
    ).toEqual([
      '1:40 directive/unused unused kubeplan-disable comment: no "latest-tag" finding to suppress here',
      // The bare directive on line 5 could be meant for a planner finding: only check can judge it.
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-hygiene-'));
    writeFileSync(path.join(dir, 'a.yaml'), region);
    const checked = check(['a.yaml'], {
      cwd: dir,
      reportUnusedDisableDirectives: true,
      severities: { 'schema/required': 'off' },
    });
    expect(hygiene(checked.findings)).toEqual([
      '1:40 directive/unused unused kubeplan-disable comment: no "latest-tag" finding to suppress here',
      '5:1 directive/unused unused kubeplan-disable-next-line comment: there is no finding to suppress here',
    ]);
  });
});

describe('findings about suppressions', () => {
  it('can themselves be suppressed, like any finding', () => {
    const text =
      '# kubeplan-disable-next-line directive/unknown-rule\n# kubeplan-disable-next-line nosuch-rule\na: 1\n';
    expect(hygiene(lintText(text, 'a.yaml').findings)).toEqual([]);
    expect(hygiene(lintText(text.split('\n').slice(1).join('\n'), 'a.yaml').findings)).toEqual([
      '1:30 directive/unknown-rule unknown rule "nosuch-rule" in a kubeplan-disable-next-line comment',
    ]);
  });
});
