/**
 * invalid-job-spec: ValidateJob, validateGeneratedSelector and validateJobSpec with its pod failure / success /
 * replacement policy validators (kubernetes pkg/apis/batch/validation/validation.go), on the Job as SetDefaults_Job
 * and SetDefaults_PodSpec leave it (restartPolicy Always when unset).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-job-spec.js';
import { runRule } from './helpers.js';

const messages = (text: string) => runRule(rule, text).map((f) => f.message);
const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const job = (fields: string, restart = 'Never', name = 'migrate') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${fields}  template:
    spec:
${restart ? `      restartPolicy: ${restart}\n` : ''}      containers: [{name: app, image: app:1}]
`;
const RESTART = 'spec.template.spec.restartPolicy';

describe('invalid-job-spec', () => {
  it('accepts valid Jobs', () => {
    for (const text of [
      job(''),
      job(
        '  parallelism: 0\n  completions: 3\n  backoffLimit: 0\n  activeDeadlineSeconds: 600\n  ttlSecondsAfterFinished: 0\n',
        'OnFailure',
      ),
      job('  completionMode: Indexed\n  completions: 5\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 5\n'),
      job(
        '  completionMode: Indexed\n  completions: 10\n  successPolicy: {rules: [{succeededIndexes: "0,2-4", succeededCount: 3}]}\n',
      ),
      job(
        '  podReplacementPolicy: Failed\n  podFailurePolicy:\n    rules:\n      - {action: FailJob, onExitCodes: {containerName: app, operator: In, values: [1, 42]}}\n      - {action: Ignore, onPodConditions: [{type: DisruptionTarget, status: "True"}]}\n',
      ),
      job('  manualSelector: true\n  selector: {matchLabels: {app: migrate}}\n'),
    ])
      expect(brief(text)).toEqual([]);
  });

  it('rejects a template without restartPolicy (defaulted to Always) or with Always', () => {
    expect(brief(job('', ''))).toEqual([
      [7, 5, `${RESTART}: Required value: valid values: "OnFailure", "Never" (validateJobSpec)`],
    ]);
    expect(brief(job('', 'Always'))).toEqual([
      [8, 22, `${RESTART}: Required value: valid values: "OnFailure", "Never" (validateJobSpec)`],
    ]);
  });

  it('rejects negative counts', () => {
    expect(
      messages(job('  parallelism: -1\n  completions: -2\n  backoffLimit: -3\n  activeDeadlineSeconds: -4\n')),
    ).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0 (validateJobSpec)',
      'spec.completions: Invalid value: -2: must be greater than or equal to 0 (validateJobSpec)',
      'spec.activeDeadlineSeconds: Invalid value: -4: must be greater than or equal to 0 (validateJobSpec)',
      'spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0 (validateJobSpec)',
    ]);
  });

  it('checks the Indexed-only fields and the Indexed rules', () => {
    expect(messages(job('  backoffLimitPerIndex: 1\n  maxFailedIndexes: 2\n'))).toEqual([
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode (validateJobSpec)',
      'spec.maxFailedIndexes: Invalid value: 2: requires indexed completion mode (validateJobSpec)',
    ]);
    expect(messages(job('  completionMode: Indexed\n  parallelism: 100001\n'))).toEqual([
      'spec.completions: Required value: when completion mode is Indexed (validateJobSpec)',
      'spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed (validateJobSpec)',
    ]);
    expect(messages(job('  completionMode: Indexed\n  completions: 2\n  maxFailedIndexes: 3\n'))).toEqual([
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified (validateJobSpec)',
      'spec.maxFailedIndexes: Invalid value: 3: must be less than or equal to completions (validateJobSpec)',
    ]);
    expect(messages(job('  completionMode: Indexed\n  completions: 100\n', 'Never', 'a'.repeat(62)))).toEqual([
      `metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-99 (ValidateJob)`,
    ]);
  });

  it('checks the pod failure policy', () => {
    expect(
      messages(
        job(
          '  podReplacementPolicy: TerminatingOrFailed\n  podFailurePolicy:\n    rules:\n      - {action: FailIndex, onExitCodes: {containerName: web, operator: In, values: [3, 0, 3]}}\n      - {action: Ignore}\n      - {action: Ignore, onExitCodes: {operator: NotIn, values: [1]}, onPodConditions: [{type: "bad type", status: "True"}]}\n',
          'OnFailure',
        ),
      ),
    ).toEqual([
      'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set (validatePodFailurePolicyRule)',
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "web": must be one of the container or initContainer names in the pod template (validatePodFailurePolicyRuleOnExitCodes)',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator (validatePodFailurePolicyRuleOnExitCodes)',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3 (validatePodFailurePolicyRuleOnExitCodes)',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,0,3]: must be ordered (validatePodFailurePolicyRuleOnExitCodes)',
      'spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required (validatePodFailurePolicyRule)',
      "spec.podFailurePolicy.rules[2].onPodConditions[0].type: Invalid value: \"bad type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (validatePodFailurePolicyRuleOnPodConditions)",
      'spec.podFailurePolicy.rules[2]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported (validatePodFailurePolicyRule)',
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed" (validatePodReplacementPolicy)',
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified (validateJobSpec)',
    ]);
  });

  it('checks the success policy', () => {
    expect(messages(job('  successPolicy: {rules: [{succeededCount: 1}]}\n'))).toEqual([
      'spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode (validateJobSpec)',
    ]);
    expect(
      messages(
        job(
          '  completionMode: Indexed\n  completions: 3\n  successPolicy: {rules: [{}, {succeededIndexes: "2-1"}, {succeededIndexes: "0-1", succeededCount: 4}]}\n',
        ),
      ),
    ).toEqual([
      'spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified (validateSuccessPolicyRule)',
      'spec.successPolicy.rules[1].succeededIndexes: Invalid value: "2-1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1 (validateSuccessPolicyRule)',
      'spec.successPolicy.rules[2].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions) (validateSuccessPolicyRule)',
      'spec.successPolicy.rules[2].succeededCount: Invalid value: 4: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field) (validateSuccessPolicyRule)',
    ]);
  });

  it('rejects a selector without manualSelector: true', () => {
    expect(brief(job('  selector: {matchLabels: {app: migrate}}\n'))).toEqual([
      [
        6,
        3,
        'spec.selector: Invalid value: {"matchLabels":{"app":"migrate"}}: `selector` not auto-generated (validateGeneratedSelector)',
      ],
    ]);
  });
});
