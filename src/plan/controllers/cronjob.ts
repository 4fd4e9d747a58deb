/**
 * CronJob: kubeplan does not create the Jobs, it reports the next three run times from spec.schedule and
 * spec.timeZone (kubernetes v1.30 pkg/controller/cronjob/utils.go mostRecentScheduleTime / nextScheduleTime).
 */
import type { JsonPath, Manifest } from '../../core/types.js';
import { obj, str, type Obj } from '../../core/values.js';
import { isValidTimeZone, localIso, nextRuns, parseCron, utcIso } from '../../k8s/cron.js';
import { defaultCronJob, namespaceOf } from '../../k8s/defaults.js';
import type { CronJobReport } from '../result.js';

export function planCronJobs(
  manifests: Manifest[],
  nowMs: number,
  defaultNamespace: string,
  skip: (m: Manifest, path: JsonPath, message: string) => void,
): CronJobReport[] {
  const out: CronJobReport[] = [];
  for (const m of manifests) {
    const name = str(obj(m.object.metadata).name);
    if (!name) {
      skip(m, ['metadata'], 'CronJob has no metadata.name; it is not planned');
      continue;
    }
    const c = defaultCronJob(m.object);
    const spec = c.spec as Obj;
    const schedule = str(spec.schedule);
    const tz = spec.timeZone === undefined || spec.timeZone === null ? null : (str(spec.timeZone) ?? '');
    const report: CronJobReport = {
      namespace: namespaceOf(m.object, defaultNamespace),
      name,
      schedule: schedule ?? '',
      timeZone: tz,
      suspend: spec.suspend === true,
      next: [],
    };
    if (!schedule) {
      skip(m, ['spec', 'schedule'], `CronJob ${name} has no spec.schedule; its runs are not planned`);
      report.error = 'no schedule';
    } else if (tz !== null && !isValidTimeZone(tz)) {
      skip(
        m,
        ['spec', 'timeZone'],
        `CronJob ${name}: unknown time zone ${JSON.stringify(tz)}; its runs are not planned`,
      );
      report.error = `unknown time zone ${tz}`;
    } else {
      const parsed = parseCron(schedule);
      if (typeof parsed === 'string') {
        skip(m, ['spec', 'schedule'], `CronJob ${name}: ${parsed}; its runs are not planned`);
        report.error = parsed;
      } else if (!report.suspend) {
        report.next = nextRuns(parsed, nowMs, 3, tz ?? undefined).map((t) => ({
          time: utcIso(t),
          local: localIso(t, tz ?? undefined),
        }));
      }
    }
    out.push(report);
  }
  return out;
}
