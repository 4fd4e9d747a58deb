/**
 * CronJob schedules: the 5-field cron syntax of robfig/cron v3 (`cron.ParseStandard`, which the CronJob
 * controller uses) and the next run times after a fixed instant, in spec.timeZone (IANA, via Intl) or UTC.
 *   fields: minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or jan-dec, day-of-week 0-6 or sun-sat
 *   each a comma list of `*`, `?`, `n`, `a-b`, with an optional `/step` (`n/step` means n-max/step)
 *   descriptors: @yearly @annually @monthly @weekly @daily @midnight @hourly
 *   day matching: if day-of-month or day-of-week is an unstepped `*`/`?`, both must match; otherwise either may.
 * Times are walked in UTC minutes and read in the zone's wall clock, so a time skipped by a DST jump does not
 * run that day and a time repeated by a DST fall-back runs twice, as robfig's Next does.
 */

export interface CronSpec {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** Day-of-month / day-of-week was an unstepped star (robfig's starBit). */
  domStar: boolean;
  dowStar: boolean;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of names[0]. */
  nameBase?: number;
}

const FIELDS: FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, nameBase: 0 },
];

/** mustParseInt: strconv.Atoi, then no negatives. */
function mustParseInt(text: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(text))
    return `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  const n = Number(text);
  if (n < 0) return `negative number (${n}) not allowed: ${text}`;
  return n;
}

/** parseIntOrName: a month or weekday name (any case), else an integer. */
function parseValue(text: string, def: FieldDef): number | string {
  if (def.names) {
    const i = def.names.indexOf(text.toLowerCase());
    if (i >= 0) return i + (def.nameBase ?? 0);
  }
  return mustParseInt(text);
}

/** getField / getRange of robfig/cron v3, with its error messages (the API server prints them). */
function parseField(text: string, def: FieldDef): { values: Set<number>; star: boolean } | string {
  const values = new Set<number>();
  let star = false;
  for (const expr of text.split(',').filter((part) => part !== '')) {
    const rangeAndStep = expr.split('/');
    const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
    let start: number;
    let end: number;
    let isStar = false;
    if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
      start = def.min;
      end = def.max;
      isStar = true;
    } else {
      const a = parseValue(lowAndHigh[0] ?? '', def);
      if (typeof a === 'string') return a;
      start = a;
      if (lowAndHigh.length === 1) end = a;
      else if (lowAndHigh.length === 2) {
        const b = parseValue(lowAndHigh[1] ?? '', def);
        if (typeof b === 'string') return b;
        end = b;
      } else return `too many hyphens: ${expr}`;
    }
    let step = 1;
    if (rangeAndStep.length === 2) {
      const n = mustParseInt(rangeAndStep[1] ?? '');
      if (typeof n === 'string') return n;
      step = n;
      if (lowAndHigh.length === 1) end = def.max; // "N/step" means "N-max/step"
    } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
    if (start < def.min) return `beginning of range (${start}) below minimum (${def.min}): ${expr}`;
    if (end > def.max) return `end of range (${end}) above maximum (${def.max}): ${expr}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
    if (step === 0) return `step of range should be a positive number: ${expr}`;
    for (let v = start; v <= end; v += step) values.add(v);
    if (isStar && step <= 1) star = true;
  }
  return { values, star };
}

type Parsed = { spec: CronSpec } | { every: true } | { error: string };

/** Go's time.ParseDuration syntax: signed sequence of decimal numbers with units, or "0". */
const GO_DURATION = /^[-+]?(0|([0-9]*(\.[0-9]*)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

/** cron.ParseStandard (robfig/cron v3): TZ= / CRON_TZ= prefix, descriptors, then exactly 5 fields. */
function parse(schedule: string): Parsed {
  if (schedule === '') return { error: 'empty spec string' };
  let text = schedule;
  if (/^(CRON_)?TZ=/.test(text)) {
    const space = text.indexOf(' ');
    text = space < 0 ? '' : text.slice(space).trim();
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const duration = text.slice('@every '.length);
      if (!GO_DURATION.test(duration) || duration === '' || /^[-+]?\.?$/.test(duration))
        return { error: `failed to parse duration ${text}: time: invalid duration ${JSON.stringify(duration)}` };
      return { every: true };
    }
    const expanded = DESCRIPTORS[text];
    if (!expanded) return { error: `unrecognized descriptor: ${text}` };
    text = expanded;
  }
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return { error: `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]` };
  const fields: Array<{ values: Set<number>; star: boolean }> = [];
  for (const [i, def] of FIELDS.entries()) {
    const field = parseField(parts[i] ?? '', def);
    if (typeof field === 'string') return { error: field };
    fields.push(field);
  }
  const [minute, hour, dom, month, dow] = fields as [
    (typeof fields)[0],
    (typeof fields)[0],
    (typeof fields)[0],
    (typeof fields)[0],
    (typeof fields)[0],
  ];
  return {
    spec: {
      minute: minute.values,
      hour: hour.values,
      dom: dom.values,
      month: month.values,
      dow: dow.values,
      domStar: dom.star,
      dowStar: dow.star,
    },
  };
}

/** Parses a CronJob schedule for planning; returns why it cannot be planned (robfig's error, TZ, @every). */
export function parseCron(schedule: string): CronSpec | string {
  if (/^(CRON_)?TZ=/.test(schedule.trim())) return 'TZ and CRON_TZ are not allowed in spec.schedule; use spec.timeZone';
  const parsed = parse(schedule.trim());
  if ('every' in parsed) return '@every schedules are not planned by kubeplan';
  return 'error' in parsed ? parsed.error : parsed.spec;
}

/** cron.ParseStandard's error for a schedule, as the API server reports it; undefined when robfig accepts it. */
export function cronScheduleError(schedule: string): string | undefined {
  const parsed = parse(schedule);
  return 'error' in parsed ? parsed.error : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when Intl knows the IANA zone (time.LoadLocation would load it). */
export function isValidTimeZone(tz: string): boolean {
  if (tz === '' || tz.toLowerCase() === 'local') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

const offsetCache = new Map<string, number>();

/** Offset of `tz` from UTC at instant `ms`, in ms (wall clock − UTC). */
export function zoneOffset(tz: string | undefined, ms: number): number {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const bucket = `${tz}@${Math.floor(ms / 900_000)}`;
  const cached = offsetCache.get(bucket);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const at = (type: string) => parts[type] ?? 0;
  const wall = Date.UTC(at('year'), at('month') - 1, at('day'), at('hour'), at('minute'), at('second'));
  const offset = wall - Math.floor(ms / 1000) * 1000;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(bucket, offset);
  return offset;
}

function dayMatches(spec: CronSpec, day: number, weekday: number): boolean {
  const domMatch = spec.dom.has(day);
  const dowMatch = spec.dow.has(weekday);
  return spec.domStar || spec.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

const MINUTE = 60_000;

/** The next `count` run times strictly after `fromMs`, as UTC epoch milliseconds (fewer if none within ~5 years). */
export function nextRuns(spec: CronSpec, fromMs: number, count: number, tz?: string): number[] {
  const out: number[] = [];
  let t = Math.floor(fromMs / MINUTE) * MINUTE + MINUTE;
  const limit = fromMs + 5 * 366 * 24 * 60 * MINUTE;
  while (out.length < count && t <= limit) {
    const local = new Date(t + zoneOffset(tz, t));
    const h = local.getUTCHours();
    const m = local.getUTCMinutes();
    if (!spec.month.has(local.getUTCMonth() + 1) || !dayMatches(spec, local.getUTCDate(), local.getUTCDay())) {
      // Skip towards the next local midnight, landing an hour early so DST shifts cannot jump past it.
      const toMidnight = (24 * 60 - (h * 60 + m)) * MINUTE;
      t += toMidnight > 60 * MINUTE ? toMidnight - 60 * MINUTE : toMidnight;
      continue;
    }
    if (!spec.hour.has(h)) {
      t += (60 - m) * MINUTE;
      continue;
    }
    if (!spec.minute.has(m)) {
      let next = m + 1;
      while (next < 60 && !spec.minute.has(next)) next++;
      t += (next - m) * MINUTE;
      continue;
    }
    out.push(t);
    t += MINUTE;
  }
  return out;
}

/** ISO 8601 of an instant in a zone's wall clock with its offset, e.g. 2025-03-30T03:00:00+02:00. */
export function localIso(ms: number, tz?: string): string {
  const offset = zoneOffset(tz, ms);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / MINUTE;
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** UTC ISO 8601 without milliseconds. */
export function utcIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
