/**
 * A small RuleTester: runs one rule (through the real engine) on YAML text and returns
 * `{ruleId, line, column, message}` tuples that tests compare exactly.
 */
import type { Finding, Manifest } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { DEFAULT_RULE_OPTIONS, RULE_CRASH, runRules } from '../../src/rules/engine.js';
import type { Rule, RuleOptions } from '../../src/rules/types.js';

export interface Brief {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}

export interface BriefWithFile extends Brief {
  file: string;
  severity: Finding['severity'];
}

/** Strips the common indentation of a template literal, and its first and last blank lines. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values)
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n');
  const indents = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return raw
    .split('\n')
    .map((l) => l.slice(cut))
    .join('\n');
}

/**
 * A Pod "web" with one container, "app" (image app:1 unless given), that goes on with
 * `containerFields`: YAML lines indented 6 spaces, the first of them on line 9.
 */
export function appPod(containerFields: string, image = 'app:1'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: ${image}\n${containerFields}`;
}

/** Loads texts (file name → YAML); fails on any loader error so a broken fixture never passes silently. */
export function loadAll(files: Readonly<Record<string, string>>): Manifest[] {
  const manifests: Manifest[] = [];
  for (const [file, text] of Object.entries(files)) {
    const loaded = loadText(text, file);
    const errors = loaded.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0)
      throw new Error(
        `fixture ${file} does not load: ${errors.map((f) => `${f.line}:${f.column} ${f.message}`).join('; ')}`,
      );
    for (const m of loaded.manifests) deepFreeze(m.object);
    manifests.push(...loaded.manifests);
  }
  return manifests;
}

/** Runs `rule` on several files; the objects are frozen, so a rule that mutates its input fails. */
export function runOnFiles(
  rule: Rule,
  files: Readonly<Record<string, string>>,
  options: Partial<RuleOptions> = {},
): BriefWithFile[] {
  const findings = runRules(loadAll(files), { ...DEFAULT_RULE_OPTIONS, ...options, rules: [rule] });
  const crash = findings.find((f) => f.ruleId === RULE_CRASH);
  if (crash) throw new Error(crash.message);
  return findings.map((f) => ({
    file: f.file,
    ruleId: f.ruleId,
    severity: f.severity,
    line: f.line,
    column: f.column,
    message: f.message,
  }));
}

/** Runs `rule` on one YAML text. */
export function runRule(rule: Rule, text: string, options: Partial<RuleOptions> = {}): Brief[] {
  return runOnFiles(rule, { 'test.yaml': text }, options).map(({ ruleId, line, column, message }) => ({
    ruleId,
    line,
    column,
    message,
  }));
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
