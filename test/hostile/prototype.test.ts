/**
 * Prototype member names as input (issue 16 item 2): a `{}` table answers `table.constructor` from Object.prototype
 * and drops a `__proto__` key when assigned. Kinds, names, data keys and priority classes with these names are
 * ordinary strings everywhere: lint, plan, check and the --from diff.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, plan } from '../../src/api/index.js';
import { HANG_GUARD } from './helpers.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-proto-'));
  for (const [name, text] of Object.entries(entries)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('prototype names as kinds, keys and references', () => {
  it.each(NAMES)(
    'kind: %s is an unknown kind, not a crash, in plan and check (both sides of --from)',
    { timeout: HANG_GUARD },
    (name) => {
      const dir = files({
        'new.yaml': `apiVersion: apps/v1\nkind: ${name}\nmetadata: {name: x}\nspec: {replicas: 3}\n`,
        'old.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n`,
      });
      const planned = plan(['new.yaml'], { cwd: dir });
      expect(planned.plan.pods).toEqual([]);
      const checked = check(['new.yaml'], { cwd: dir });
      expect(checked.findings.filter((f) => f.ruleId === 'schema/unknown-kind').map((f) => [f.line, f.column])).toEqual(
        [[2, 7]],
      );
      for (const [now, before] of [
        ['new.yaml', 'old.yaml'],
        ['old.yaml', 'new.yaml'],
      ] as const) {
        const changed = check([now], { cwd: dir, from: [before] });
        expect(changed.changes!.changes.map((c) => [c.kind, c.change])).toContainEqual([
          name,
          now === 'new.yaml' ? 'added' : 'removed',
        ]);
      }
    },
  );

  it('a change under a `__proto__` data key is a change in the --from diff', { timeout: HANG_GUARD }, () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  __proto__: ${v}\n`;
    const dir = files({ 'old.yaml': cm('a'), 'new.yaml': cm('b') });
    const r = check(['new.yaml'], { cwd: dir, from: ['old.yaml'] });
    expect(r.changes!.changes.map((c) => [c.kind, c.name, c.change])).toEqual([['ConfigMap', 'c', 'changed']]);
    expect(r.changes!.changes[0]!.diff).toContain('-  __proto__: a');
    expect(r.changes!.changes[0]!.diff).toContain('+  __proto__: b');
  });

  it(
    'priorityClassName: constructor takes the value of the PriorityClass named constructor',
    { timeout: HANG_GUARD },
    () => {
      const dir = files({
        'p.yaml': [
          'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: constructor}\nvalue: 1000\n',
          'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: constructor\n  containers: [{name: c, image: nginx:1.25}]\n',
          'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  priorityClassName: toString\n  containers: [{name: c, image: nginx:1.25}]\n',
        ].join('---\n'),
      });
      const r = plan(['p.yaml'], { cwd: dir });
      expect(r.plan.pods.map((p) => [p.name, p.priority])).toEqual([
        ['p', 1000],
        ['q', 0],
      ]);
    },
  );
});
