/**
 * Runs one rule over loaded manifests without the engine (no config, suppressions or sorting).
 * The best-practice tests now go through the engine with test/rules/helpers.ts; this stays
 * because test/rules/{invalid-*,removed-api-version}.test.ts import it.
 */
import type { Finding, Manifest, Severity } from '../../core/types.js';
import { loadText } from '../../load/index.js';
import type { Rule, RuleContext, RuleOptions } from '../types.js';

export const DEFAULT_TEST_OPTIONS: RuleOptions = { kubeVersion: '1.34', defaultNamespace: 'default', requireRefs: false };

export function runRule(rule: Rule, manifests: readonly Manifest[], options: Partial<RuleOptions> = {}): Finding[] {
  const effective = { ...DEFAULT_TEST_OPTIONS, ...options };
  const findings: Finding[] = [];
  const context: RuleContext = {
    manifests,
    options: effective,
    namespaceOf: (m) => m.ref.namespace ?? effective.defaultNamespace,
    report: ({ manifest, path, target, message, severity }) => {
      const range = manifest.locate(path, target ?? 'value');
      findings.push({ ruleId: rule.id, severity: severity ?? (rule.severity as Severity), message, file: manifest.file, ...range, object: manifest.ref });
    },
  };
  rule.check(context);
  return findings;
}

/** Loads `text` (must parse cleanly) and runs `rule` over it. */
export function runRuleOnText(rule: Rule, text: string, options: Partial<RuleOptions> = {}): Finding[] {
  const loaded = loadText(text, 'test.yaml');
  const broken = loaded.findings.filter((f) => f.severity === 'error');
  if (broken.length > 0) throw new Error(`test input does not load: ${broken.map((f) => `${f.line}:${f.column} ${f.message}`).join('; ')}`);
  return runRule(rule, loaded.manifests, options);
}
