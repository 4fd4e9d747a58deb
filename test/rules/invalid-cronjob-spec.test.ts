/**
 * invalid-cronjob-spec: ValidateCronJobCreate, validateCronJobSpec, validateScheduleFormat (robfig/cron v3
 * ParseStandard: parser.go getRange / normalizeFields / parseDescriptor messages), validateTimeZone and
 * ValidateJobTemplateSpec (kubernetes pkg/apis/batch/validation/validation.go).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-cronjob-spec.js';
import { runRule } from './helpers.js';

const messages = (text: string) => runRule(rule, text).map((f) => f.message);
const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const cronjob = (fields: string, jobFields = '', restart = 'OnFailure', name = 'report') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${fields}  jobTemplate:
    spec:
${jobFields}      template:
        spec:
          restartPolicy: ${restart}
          containers: [{name: app, image: app:1}]
`;
const schedule = (s: string) => cronjob(`  schedule: ${JSON.stringify(s)}\n`);

describe('invalid-cronjob-spec', () => {
  it('accepts valid schedules, time zones and limits', () => {
    for (const s of [
      '*/5 * * * *',
      '0 3 * * 1-5',
      '15 2 1,15 jan-jun ?',
      '0 0 * * SUN',
      '5/15 * * * *',
      '@daily',
      '@every 1h30m',
      '0 0 29 2 *',
    ])
      expect(messages(schedule(s)), s).toEqual([]);
    expect(
      brief(
        cronjob(
          '  schedule: "0 * * * *"\n  timeZone: America/New_York\n  startingDeadlineSeconds: 0\n  successfulJobsHistoryLimit: 0\n  failedJobsHistoryLimit: 0\n',
        ),
      ),
    ).toEqual([]);
    expect(brief(cronjob('  schedule: "0 * * * *"\n  timeZone: Etc/GMT+5\n'))).toEqual([]);
  });

  it('rejects what robfig/cron cannot parse, in its words', () => {
    expect(brief(schedule('*/0 * * * *'))).toEqual([
      [
        6,
        13,
        'spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0 (validateScheduleFormat)',
      ],
    ]);
    const cases: Array<[string, string]> = [
      ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
      ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
      ['60 * * * *', 'end of range (60) above maximum (59): 60'],
      ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
      ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
      ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
      ['*/2/3 * * * *', 'too many slashes: */2/3'],
      ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
      ['* * * * 7', 'end of range (7) above maximum (6): 7'],
      ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
      ['@Daily', 'unrecognized descriptor: @Daily'],
      ['@every 5d', 'failed to parse duration @every 5d: time: invalid duration "5d"'],
    ];
    for (const [s, error] of cases)
      expect(messages(schedule(s)), s).toEqual([
        `spec.schedule: Invalid value: ${JSON.stringify(s)}: ${error} (validateScheduleFormat)`,
      ]);
  });

  it('rejects TZ in the schedule and bad time zones', () => {
    expect(messages(schedule('CRON_TZ=UTC 0 * * * *'))).toEqual([
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead (validateScheduleFormat)',
    ]);
    const tz = (z: string) => messages(cronjob(`  schedule: "0 * * * *"\n  timeZone: ${JSON.stringify(z)}\n`));
    expect(tz('')).toEqual([
      'spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string (validateTimeZone)',
    ]);
    expect(tz('Local')).toEqual([
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones (validateTimeZone)',
    ]);
    expect(tz('Europe/Atlantis')).toEqual([
      'spec.timeZone: Invalid value: "Europe/Atlantis": unknown time zone Europe/Atlantis (validateTimeZone)',
    ]);
    expect(tz('America/../UTC')).toEqual([
      'spec.timeZone: Invalid value: "America/../UTC": unknown time zone America/../UTC (validateTimeZone)',
    ]);
  });

  it('rejects negative deadlines and history limits', () => {
    expect(
      messages(cronjob('  schedule: "@hourly"\n  startingDeadlineSeconds: -1\n  failedJobsHistoryLimit: -1\n')),
    ).toEqual([
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0 (validateCronJobSpec)',
      'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0 (validateCronJobSpec)',
    ]);
  });

  it('validates the job template as a Job spec, without a selector', () => {
    expect(messages(cronjob('  schedule: "@hourly"\n', '', 'Always'))).toEqual([
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never" (validateJobSpec)',
    ]);
    expect(
      messages(
        cronjob(
          '  schedule: "@hourly"\n',
          '      parallelism: -1\n      manualSelector: true\n      selector: {matchLabels: {a: b}}\n',
        ),
      ),
    ).toEqual([
      'spec.jobTemplate.spec.parallelism: Invalid value: -1: must be greater than or equal to 0 (validateJobSpec)',
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated (ValidateJobTemplateSpec)',
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false" (ValidateJobTemplateSpec)',
    ]);
  });

  it('rejects names longer than 52 characters', () => {
    const name = 'r'.repeat(53);
    expect(messages(cronjob('  schedule: "@hourly"\n', '', 'OnFailure', name))).toEqual([
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters (ValidateCronJobCreate)`,
    ]);
    expect(messages(cronjob('  schedule: "@hourly"\n', '', 'OnFailure', 'r'.repeat(52)))).toEqual([]);
  });
});
