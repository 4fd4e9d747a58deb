/**
 * invalid-pdb-spec: ValidatePodDisruptionBudgetSpec (kubernetes pkg/apis/policy/validation/validation.go) with
 * ValidatePositiveIntOrPercent / IsNotMoreThan100Percent (pkg/apis/apps/validation). Expected messages are the
 * field.Error texts those functions build.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-pdb-spec.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const pdb = (fields: string, apiVersion = 'policy/v1') => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
${fields}`;

describe('invalid-pdb-spec', () => {
  it('accepts one of minAvailable / maxUnavailable as an integer or a percentage up to 100%', () => {
    for (const fields of [
      '  minAvailable: 0\n',
      '  minAvailable: 2\n',
      '  minAvailable: "100%"\n',
      '  maxUnavailable: "0%"\n',
      '  maxUnavailable: 1\n',
      '  maxUnavailable: 1\n  minAvailable: null\n',
      '',
    ])
      expect(brief(pdb(fields))).toEqual([]);
  });

  it('rejects minAvailable and maxUnavailable both set', () => {
    expect(brief(pdb('  minAvailable: 1\n  maxUnavailable: 1\n'))).toEqual([
      [8, 3, 'spec: minAvailable and maxUnavailable cannot be both set (ValidatePodDisruptionBudgetSpec)'],
    ]);
  });

  it('rejects percentages above 100%', () => {
    expect(brief(pdb('  maxUnavailable: "150%"\n'))).toEqual([
      [
        7,
        19,
        'spec.maxUnavailable: Invalid value: "150%": must not be greater than 100% (ValidatePodDisruptionBudgetSpec)',
      ],
    ]);
    expect(brief(pdb('  minAvailable: 101%\n', 'policy/v1beta1'))).toEqual([
      [
        7,
        17,
        'spec.minAvailable: Invalid value: "101%": must not be greater than 100% (ValidatePodDisruptionBudgetSpec)',
      ],
    ]);
  });

  it('rejects negative counts and malformed percentages', () => {
    expect(brief(pdb('  minAvailable: -1\n'))).toEqual([
      [
        7,
        17,
        'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0 (ValidatePodDisruptionBudgetSpec)',
      ],
    ]);
    for (const bad of ['"-5%"', '"%"', '"5"', '"5.5%"'])
      expect(brief(pdb(`  maxUnavailable: ${bad}\n`)).map((f) => f[2])).toEqual([
        `spec.maxUnavailable: Invalid value: ${bad}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%') (ValidatePodDisruptionBudgetSpec)`,
      ]);
  });

  it('ignores other kinds that happen to be called PodDisruptionBudget', () => {
    expect(brief(pdb('  minAvailable: 1\n  maxUnavailable: 1\n', 'example.com/v1'))).toEqual([]);
  });
});
