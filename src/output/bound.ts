/**
 * Output bounds. The plan repeats what the input says once for every pod (labels, names, reasons), so a long
 * value — or a short input that aliases one — would print megabytes per pod: a 100 KB label aliased 19 times on
 * 2,000 replicas made the JSON 3.8 GB. Every renderer reads the report through `boundReport`, which shortens each
 * string (and object key) of the plan, the changes and the findings to a fixed length, keeping its start and saying
 * how much was left out. Values Kubernetes accepts are never shortened: names (253), label keys (317) and label
 * values (63) fit in MAX_VALUE_CHARS, and kubeplan's own sentences fit in MAX_PROSE_CHARS.
 */
import type { Finding } from '../core/types.js';
import { isPlanReport, type Report } from './report.js';

/** Longest value (name, label, selector, host, path…) printed whole. */
export const MAX_VALUE_CHARS = 320;
/** Longest sentence (finding messages, scheduler reasons, notes) or line of a diff printed whole. */
export const MAX_PROSE_CHARS = 2000;

const PROSE_KEYS = new Set(['message', 'reason', 'reasons', 'note', 'notes', 'stalled', 'error', 'description']);

/** `text` cut to `max` characters (the cut marked and counted); never splits a surrogate pair. */
export function elide(text: string, max: number): string {
  if (text.length <= max) return text;
  let keep = Math.max(16, max - 48);
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep--;
  return `${text.slice(0, keep)}… [${text.length - keep} more characters elided by kubeplan]`;
}

/** A multi-line string (a diff) keeps its lines; each long line is cut on its own. */
function elideLines(text: string, max: number): string {
  if (!text.includes('\n')) return elide(text, max);
  return text
    .split('\n')
    .map((line) => elide(line, max))
    .join('\n');
}

export interface Bounded<T> {
  report: T;
  /** How many distinct strings were shortened (renderers for people add a note when any were). */
  elided: number;
}

const cache = new WeakMap<object, Bounded<Report>>();

/** The report with its printed strings bounded (the same object when nothing is long; cached per report). */
export function boundReport<T extends Report>(report: T): Bounded<T> {
  const hit = cache.get(report);
  if (hit) return hit as Bounded<T>;
  const walker = new Walker();
  const findings = walker.findings(report.findings);
  let bounded: T = report;
  if (isPlanReport(report)) {
    const plan = walker.value(report.plan, MAX_VALUE_CHARS) as typeof report.plan;
    const changes = report.changes && (walker.value(report.changes, MAX_VALUE_CHARS) as typeof report.changes);
    if (walker.count > 0) bounded = { ...report, findings, plan, ...(changes ? { changes } : {}) };
  } else if (walker.count > 0) bounded = { ...report, findings };
  const result = { report: bounded, elided: walker.count };
  cache.set(report, result);
  if (bounded !== report) cache.set(bounded, result);
  return result;
}

/** Plan data (a PlanResult, a ChangesResult) with its strings bounded, for renderers that take it directly. */
export function boundData<T>(value: T): T {
  const walker = new Walker();
  const out = walker.value(value, MAX_VALUE_CHARS) as T;
  return walker.count > 0 ? out : value;
}

/** Findings with their messages, files and object names bounded. */
export function boundFindings(findings: Finding[]): Finding[] {
  return new Walker().findings(findings);
}

/** The sentence renderers for people add when something was shortened. */
export function elisionNote(elided: number): string {
  return `${elided} long value${elided === 1 ? ' was' : 's were'} shortened wherever ${elided === 1 ? 'it appears' : 'they appear'} in this output (over ${MAX_VALUE_CHARS} characters, or ${MAX_PROSE_CHARS} in messages); the input has them whole.`;
}

class Walker {
  /** Strings shortened (each distinct string once, wherever it appears). */
  count = 0;
  /** The same long string (an alias, a label repeated on every pod) is cut once; V8 caches its hash. */
  private readonly seen = new Map<number, Map<string, string>>();

  string(text: string, max: number): string {
    if (text.length <= max) return text;
    let cuts = this.seen.get(max);
    if (!cuts) this.seen.set(max, (cuts = new Map()));
    let cut = cuts.get(text);
    if (cut === undefined) {
      this.count++;
      cut = max === MAX_PROSE_CHARS ? elideLines(text, max) : elide(text, max);
      cuts.set(text, cut);
    }
    return cut;
  }

  /** Plain data (the plan, the changes): arrays and objects copied with their strings and keys bounded. */
  value(value: unknown, max: number): unknown {
    if (typeof value === 'string') return this.string(value, max);
    if (Array.isArray(value)) return value.map((v) => this.value(v, max));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      let k = this.string(key, MAX_VALUE_CHARS);
      // Two long keys with the same start: keep both.
      for (let n = 2; k !== key && Object.hasOwn(out, k); n++) k = `${this.string(key, MAX_VALUE_CHARS)} #${n}`;
      // defineProperty: a key named `__proto__` (input data) stays a key.
      Object.defineProperty(out, k, {
        value: this.value(v, PROSE_KEYS.has(key) || key === 'diff' ? MAX_PROSE_CHARS : max),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  findings(findings: Finding[]): Finding[] {
    const before = this.count;
    const out = findings.map((f) => {
      const message = this.string(f.message, MAX_PROSE_CHARS);
      const file = this.string(f.file, MAX_VALUE_CHARS * 4);
      const object = f.object && (this.value(f.object, MAX_VALUE_CHARS) as Finding['object']);
      return message === f.message && file === f.file && object === f.object ? f : { ...f, message, file, object };
    });
    return this.count === before ? findings : out;
  }
}
