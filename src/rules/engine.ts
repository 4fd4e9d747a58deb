/**
 * Runs rules over the objects of a run and turns their reports into findings: located in the
 * source, tagged with the object, at the effective severity. A rule that throws becomes one
 * `internal/rule-crash` finding; it never stops the run or the other rules.
 */
import type { Finding, Manifest, Severity } from '../core/types.js';
import { DEFAULT_KUBE_VERSION } from '../k8s/versions.js';
import { objectLabel } from './format.js';
import { ObjectIndex } from './object-index.js';
import { allRules } from './registry.js';
import type { Report, Rule, RuleContext, RuleOptions } from './types.js';

export const RULE_CRASH = 'internal/rule-crash';

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  kubeVersion: DEFAULT_KUBE_VERSION,
  defaultNamespace: 'default',
  requireRefs: false,
};

export interface RunRulesOptions extends RuleOptions {
  /** Per-rule overrides from config or the command line; 'off' skips the rule. */
  severities?: Record<string, Severity | 'off'>;
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
}

export function runRules(manifests: Manifest[], options: RunRulesOptions): Finding[] {
  const { severities, rules = allRules, ...ruleOptions } = options;
  const index = new ObjectIndex(manifests, ruleOptions.defaultNamespace);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const override = severities?.[rule.id];
    if (override === 'off') continue;
    // One push per finding: spreading a rule's findings into push() overflows the stack past ~100,000.
    for (const finding of runRule(rule, manifests, ruleOptions, index, override)) findings.push(finding);
  }
  return findings;
}

function runRule(
  rule: Rule,
  manifests: Manifest[],
  options: RuleOptions,
  index: ObjectIndex,
  override: Severity | undefined,
): Finding[] {
  const findings: Finding[] = [];
  // The object the rule last read, so a crash can say which object it was checking.
  let current: Manifest | undefined;
  const context: RuleContext = {
    manifests: trackReads(manifests, (m) => (current = m)),
    options,
    index,
    namespaceOf: (m) => index.namespaceOf(m),
    report: (report: Report) => findings.push(toFinding(rule, report, override)),
  };
  try {
    rule.check(context);
  } catch (err) {
    findings.push(crashFinding(rule, current ?? manifests[0], err));
  }
  return findings;
}

function toFinding(rule: Rule, report: Report, override: Severity | undefined): Finding {
  const { manifest } = report;
  return {
    ruleId: rule.id,
    severity: override ?? report.severity ?? rule.severity,
    message: report.message,
    file: manifest.file,
    ...manifest.locate(report.path, report.target),
    object: manifest.ref,
  };
}

function crashFinding(rule: Rule, manifest: Manifest | undefined, err: unknown): Finding {
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const where = manifest ? ` while checking ${objectLabel(manifest)}` : '';
  const start = manifest?.locate([]) ?? { line: 1, column: 1 };
  return {
    ruleId: RULE_CRASH,
    severity: 'error',
    message: `rule ${rule.id} crashed${where}: ${reason} (a kubeplan bug: please report it with this object)`,
    file: manifest?.file ?? '',
    line: start.line,
    column: start.column,
    endLine: start.line,
    endColumn: start.column,
    ...(manifest ? { object: manifest.ref } : {}),
  };
}

/** A read-only view of `manifests` that calls `onRead` for each element a rule reads (for crash reports). */
function trackReads(manifests: readonly Manifest[], onRead: (m: Manifest) => void): readonly Manifest[] {
  return new Proxy(manifests, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      // Elements are the only object-valued properties of the array (methods are functions): no regex per read.
      if (typeof value === 'object' && value !== null && typeof property === 'string') onRead(value as Manifest);
      return value;
    },
    set: () => false,
  });
}
