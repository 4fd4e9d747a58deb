import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';

const FIXTURE = 'test/fixtures/lint/seeded-mistakes.yaml';

/** `# expect: rule-id` markers: [line, ruleId] pairs, 1-based lines. */
function expectations(text: string): [number, string][] {
  const out: [number, string][] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/# expect: ([\w/-]+)/g)) out.push([i + 1, m[1]!]);
  });
  return out;
}

describe('a file seeded with one of each mistake', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const { findings } = lint([FIXTURE]);
  const found = findings.map((f) => [f.line, f.ruleId] as [number, string]);

  it('reports every seeded mistake at its line', () => {
    expect(expectations(text), 'the fixture keeps its 19 `# expect:` markers').toHaveLength(19);
    const missing = expectations(text).filter(([line, id]) => !found.some(([l, r]) => l === line && r === id));
    expect(missing).toEqual([]);
  });

  it('reports no error that was not seeded', () => {
    const expected = expectations(text);
    const unexpected = findings.filter(
      (f) => f.severity === 'error' && !expected.some(([l, r]) => l === f.line && r === f.ruleId),
    );
    expect(unexpected.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  });

  it('explains the YAML 1.1 surprises in words', () => {
    const yes = findings.find((f) => f.ruleId === 'schema/yaml11-scalar' && f.line === 27);
    expect(yes?.message).toBe(
      'spec.template.spec.containers[0].env[0].value: yes is read by Kubernetes as the boolean true (YAML 1.1), but a string is expected; quote it: "yes"',
    );
    expect(findings.find((f) => f.ruleId === 'schema/unknown-field')?.message).toBe(
      'spec.replica: unknown field (did you mean "replicas"?)',
    );
  });
});
