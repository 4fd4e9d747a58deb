import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { findingsToGithub } from '../../src/output/github.js';
import { findingsToSarif, SARIF_MAX_RESULTS } from '../../src/output/sarif.js';
import { formatText } from '../../src/output/text.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'schema/unknown-field',
  severity: 'error',
  message: 'spec.replica: unknown field (did you mean "replicas"?)',
  file: 'k8s/api.yaml',
  line: 6,
  column: 3,
  endLine: 6,
  endColumn: 10,
  ...over,
});

describe('text output', () => {
  it('prints file:line:col, severity, message and rule id, with a code frame', () => {
    const sources = new Map([['k8s/api.yaml', 'a\nb\nc\nd\ne\n  replica: 3\n']]);
    const out = formatText([finding()], { files: 1, objects: 1 }, { color: false, sources });
    expect(out).toBe(
      [
        'k8s/api.yaml',
        'k8s/api.yaml:6:3 error    spec.replica: unknown field (did you mean "replicas"?)  schema/unknown-field',
        '  6 |   replica: 3',
        '    |   ^^^^^^^',
        '',
        '✖ 1 problem: 1 error, 0 warnings, 0 info (1 file, 1 object)',
        '',
      ].join('\n'),
    );
  });

  it('escapes newlines in file names and messages, so a hostile name cannot forge a report line', () => {
    const out = formatText(
      [finding({ file: 'evil\nk8s/fake.yaml:1:1 error', message: 'Deployment web\nFAKE' })],
      { files: 1, objects: 1 },
      { color: false },
    );
    expect(out.split('\n')[1]).toBe(
      'evil\\u000ak8s/fake.yaml:1:1 error:6:3 error    Deployment web\\u000aFAKE  schema/unknown-field',
    );
  });

  it('uses colour only when asked', () => {
    expect(formatText([finding()], { files: 1, objects: 1 }, { color: true })).toContain('\u001b[31m');
    expect(formatText([finding()], { files: 1, objects: 1 }, { color: false })).not.toContain('\u001b');
  });
});

describe('GitHub annotations', () => {
  it('escapes data and properties as the runner requires', () => {
    const out = findingsToGithub([finding({ file: 'a,b:c.yaml', message: '100% bad\nsecond line' })]);
    expect(out).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=6,col=3,endLine=6,endColumn=10,title=kubeplan schema/unknown-field::100%25 bad%0Asecond line\n',
    );
  });

  it('caps annotations, errors first, and says how many were left out', () => {
    const many = [
      finding({ severity: 'warning', line: 1 }),
      ...Array.from({ length: 3 }, (_, i) => finding({ line: 10 + i })),
    ];
    const lines = findingsToGithub(many, 2).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error /);
    expect(lines[1]).toMatch(/^::error /);
    expect(lines[2]).toBe('::notice::2 more findings not shown as annotations; see the job log or SARIF report');
  });
});

describe('SARIF', () => {
  it('emits SARIF 2.1.0 with rules, levels and regions', () => {
    const sarif = findingsToSarif(
      [finding(), finding({ ruleId: 'latest-tag', severity: 'info', line: 9 })],
      [{ id: 'latest-tag', description: 'Image uses latest', severity: 'warning' }],
      '1.0.0',
    );
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['latest-tag', 'schema/unknown-field']);
    expect(
      run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0]!.physicalLocation.region.startLine]),
    ).toEqual([
      ['schema/unknown-field', 1, 'error', 6],
      ['latest-tag', 0, 'note', 9],
    ]);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('k8s/api.yaml');
  });

  it('caps results and reports the truncation', () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS + 7 }, (_, i) => finding({ line: i + 1 }));
    const run = findingsToSarif(many, [], '1.0.0').runs[0]!;
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(JSON.stringify(run)).toContain('7 results truncated');
  });
});
