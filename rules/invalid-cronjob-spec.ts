/**
 * batch/v1 CronJob specs the API server rejects at create time: ValidateCronJobCreate / validateCronJobSpec,
 * validateScheduleFormat (robfig/cron v3 ParseStandard, ported in src/k8s/cron.ts), validateTimeZone and
 * ValidateJobTemplateSpec (kubernetes pkg/apis/batch/validation/validation.go, 1.3x line).
 */
import { cronScheduleError, isValidTimeZone } from '../src/k8s/cron.js';
import { NEGATIVE_MSG, fieldError } from '../src/k8s/field-errors.js';
import { groupOf } from '../src/k8s/kinds.js';
import { validateJobSpec, type Emit } from '../src/rules/job-spec.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

/** validTimeZoneCharacters: each `/`-separated part of an IANA name. */
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
/** DNS1035LabelMaxLength - 11: the controller appends `-<timestamp>` to name its Jobs. */
const MAX_NAME = 52;

const rule: Rule = {
  id: 'invalid-cronjob-spec',
  severity: 'error',
  category: 'validation',
  description: 'CronJob spec the API server would reject',
  rationale: [
    'The API server rejects a CronJob whose `schedule` robfig/cron cannot parse (`*/0 * * * *`, six fields,',
    '`60 * * * *`, an unknown `@descriptor`) or names a time zone with `TZ=`/`CRON_TZ=` instead of `timeZone`; a',
    '`timeZone` that is empty, `Local` or unknown; negative `startingDeadlineSeconds` or history limits; a name',
    'longer than 52 characters (its Jobs get an 11-character suffix); and a `jobTemplate` that the Job rules reject',
    '(a pod template without `restartPolicy: Never` or `OnFailure`, negative counts, …) or that sets a `selector`',
    'or `manualSelector: true`. `kubectl apply` fails and nothing is scheduled.',
  ].join('\n'),
  howToFix:
    'Use five cron fields with positive steps (`*/5 * * * *`), put the zone in `timeZone`, and set `restartPolicy: Never` (or `OnFailure`) in the job template.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/',
  ],
  examples: {
    bad: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: report',
      'spec:',
      '  schedule: "*/0 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: report',
      '              image: registry.example.com/shop/report:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: report',
      'spec:',
      '  schedule: "*/10 * * * *"',
      '  timeZone: Europe/Berlin',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: report',
      '              image: registry.example.com/shop/report:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.kind !== 'CronJob' || groupOf(m.ref.apiVersion) !== 'batch' || !isObj(m.object.spec)) continue;
      const spec = m.object.spec;
      const emit: Emit = (path, message, upstream, target) =>
        context.report({ manifest: m, path, message: `${message} (${upstream})`, ...(target ? { target } : {}) });
      const schedulePath = ['spec', 'schedule'];
      if (spec.schedule === '') emit(schedulePath, fieldError.required(schedulePath), 'validateCronJobSpec');
      else if (typeof spec.schedule === 'string') {
        const error = cronScheduleError(spec.schedule);
        if (error) emit(schedulePath, fieldError.invalid(schedulePath, spec.schedule, error), 'validateScheduleFormat');
        if (spec.schedule.includes('TZ'))
          emit(
            schedulePath,
            fieldError.invalid(
              schedulePath,
              spec.schedule,
              'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
            ),
            'validateScheduleFormat',
          );
      }
      if (typeof spec.timeZone === 'string') {
        const problem = timeZoneProblem(spec.timeZone);
        if (problem)
          emit(
            ['spec', 'timeZone'],
            fieldError.invalid(['spec', 'timeZone'], spec.timeZone, problem),
            'validateTimeZone',
          );
      }
      for (const key of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
        const v = spec[key];
        if (typeof v === 'number' && v < 0)
          emit(['spec', key], fieldError.invalid(['spec', key], v, NEGATIVE_MSG), 'validateCronJobSpec');
      }
      const jobSpec = isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
      if (jobSpec) {
        const path = ['spec', 'jobTemplate', 'spec'];
        validateJobSpec(jobSpec, path, emit);
        if (isObj(jobSpec.selector))
          emit(
            [...path, 'selector'],
            fieldError.invalid([...path, 'selector'], jobSpec.selector, '`selector` will be auto-generated'),
            'ValidateJobTemplateSpec',
            'key',
          );
        if (jobSpec.manualSelector === true)
          emit(
            [...path, 'manualSelector'],
            fieldError.notSupported([...path, 'manualSelector'], true, ['nil', 'false']),
            'ValidateJobTemplateSpec',
          );
      }
      const name = m.ref.name;
      if (name && name.length > MAX_NAME)
        emit(
          ['metadata', 'name'],
          fieldError.invalid(['metadata', 'name'], name, `must be no more than ${MAX_NAME} characters`),
          'ValidateCronJobCreate',
        );
    }
  },
};

/** validateTimeZone: the reason a timeZone is rejected, or undefined. */
function timeZoneProblem(tz: string): string | undefined {
  if (tz === '') return 'timeZone must be nil or non-empty string';
  for (const part of tz.split('/'))
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) return `unknown time zone ${tz}`;
  if (tz.toLowerCase() === 'local')
    return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  // time.LoadLocation, here through Intl (the same IANA database).
  return isValidTimeZone(tz) ? undefined : `unknown time zone ${tz}`;
}

export default rule;
