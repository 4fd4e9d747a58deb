/**
 * The documentation page of every rule and built-in check, generated from their metadata: docs/rules/<id>.md
 * (written by scripts/gen-rule-docs.mjs, kept in sync by test/docs/rule-pages.test.ts), printed by
 * `kubeplan rules <id>`, and linked from SARIF (helpUri), the language server (codeDescription) and the Action.
 */
import { BUILTIN_CHECKS, type BuiltinCheck } from '../core/builtin-checks.js';
import { compareStrings } from '../core/compare.js';
import { FIXERS } from '../fix/fixers/index.js';
import { MIGRATIONS } from '../fix/fixers/removed-api-version.js';
import { allRules } from '../rules/registry.js';
import type { RuleMeta } from '../rules/types.js';

/** Where the pages are published: the repository's docs/rules folder. */
export const RULE_DOCS_URL = 'https://github.com/kubeplan/kubeplan/blob/main/docs/rules/';

/** The page of a rule or built-in check, relative to the package root: `docs/rules/latest-tag.md`. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The published page of a rule or built-in check (for SARIF helpUri, LSP codeDescription.href, summaries). */
export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_URL}${id}.md`;
}

const GENERATED = (source: string) =>
  `<!-- Generated from ${source} by scripts/gen-rule-docs.mjs (npm run docs:rules); do not edit. -->`;

/** Every page, path (relative to the package root) → markdown, in id order; the index is docs/rules/README.md. */
export function rulePages(): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set('docs/rules/README.md', renderIndex(allRules, BUILTIN_CHECKS));
  for (const rule of [...allRules].sort((a, b) => compareStrings(a.id, b.id)))
    pages.set(ruleDocPath(rule.id), renderRulePage(rule));
  for (const check of [...BUILTIN_CHECKS].sort((a, b) => compareStrings(a.id, b.id)))
    pages.set(ruleDocPath(check.id), renderCheckPage(check));
  return pages;
}

/** The page of `id` (a rule or a built-in check) without the generated-file comment, for the terminal. */
export function rulePageText(id: string): string | undefined {
  const rule = allRules.find((r) => r.id === id);
  const check = BUILTIN_CHECKS.find((c) => c.id === id);
  const page = rule ? renderRulePage(rule) : check ? renderCheckPage(check) : undefined;
  return page?.replace(/^<!--[^\n]*-->\n\n/, '');
}

export function renderRulePage(rule: RuleMeta): string {
  const { why, fix, notes } = splitRationale(rule.rationale);
  const howToFix = rule.howToFix ?? fix;
  const lines = [
    GENERATED(`rules/${rule.id}.ts`),
    '',
    `# ${rule.id}`,
    '',
    rule.description,
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${rule.severity} |`,
    `| Category | ${rule.category} |`,
    `| Fixed by \`--fix\` | ${FIXERS[rule.id] ? 'yes' : 'no'} |`,
    `| kube-linter | ${code(rule.kubeLinter)} |`,
    `| kube-score | ${code(rule.kubeScore)} |`,
    `| Polaris | ${code(rule.polaris)} |`,
    '',
    '## Why',
    '',
    ...paragraphs(why),
  ];
  if (notes.length > 0) lines.push('What is checked, in detail:', '', ...paragraphs(notes));
  if (rule.references?.length) {
    lines.push('Kubernetes documentation:', '');
    for (const url of rule.references) lines.push(`- <${url}>`);
    lines.push('');
  }
  if (rule.examples) {
    lines.push('## Examples', '', 'Reported:', '', '```yaml', ...rule.examples.bad.trimEnd().split('\n'), '```', '');
    lines.push('Not reported:', '', '```yaml', ...rule.examples.good.trimEnd().split('\n'), '```', '');
  }
  lines.push('## How to fix', '');
  if (howToFix) lines.push(...paragraphs([howToFix]));
  lines.push(...fixSection(rule.id));
  lines.push(...configureSection(rule.id));
  lines.push(`Source: [\`rules/${rule.id}.ts\`](../../rules/${rule.id}.ts)`, '');
  return lines.join('\n');
}

export function renderCheckPage(check: BuiltinCheck): string {
  const depth = check.id.split('/').length; // docs/rules/schema/x.md is one folder deeper than docs/rules/x.md
  const up = '../'.repeat(depth + 1);
  const lines = [
    GENERATED('src/core/builtin-checks.ts'),
    '',
    `# ${check.id}`,
    '',
    `${check.description}.`,
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${check.severity} |`,
    `| Category | ${check.category} (built-in check) |`,
    `| Fixed by \`--fix\` | ${FIXERS[check.id] ? 'yes' : 'no'} |`,
    '',
    'A built-in check: it comes from reading the input, the schemas, the planner, rollouts, the config file or git,',
    'not from a file under rules/.',
    '',
  ];
  if (FIXERS[check.id]) lines.push('## How to fix', '', ...fixSection(check.id));
  lines.push(...configureSection(check.id));
  lines.push(`Source: [\`src/core/builtin-checks.ts\`](${up}src/core/builtin-checks.ts)`, '');
  return lines.join('\n');
}

export function renderIndex(rules: readonly RuleMeta[], checks: readonly BuiltinCheck[]): string {
  const lines = [
    GENERATED('rules/*.ts and src/core/builtin-checks.ts'),
    '',
    '# Rules',
    '',
    'Every finding has a rule id; each id has a page here. Rules live in `rules/`; built-in checks come from',
    'reading input, YAML, schemas, the planner, rollouts, the config file and git. `kubeplan rules <id>` prints',
    'a page in the terminal; fixable findings are fixed by `kubeplan lint --fix`.',
    '',
    '## Rules',
    '',
    '| id | severity | category | fixable | description |',
    '|---|---|---|---|---|',
  ];
  for (const r of [...rules].sort((a, b) => compareStrings(a.id, b.id)))
    lines.push(
      `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.category} | ${FIXERS[r.id] ? 'yes' : ''} | ${cell(r.description)} |`,
    );
  lines.push('', '## Built-in checks', '', '| id | severity | fixable | when |', '|---|---|---|---|');
  for (const c of [...checks].sort((a, b) => compareStrings(a.id, b.id)))
    lines.push(`| [${c.id}](${c.id}.md) | ${c.severity} | ${FIXERS[c.id] ? 'yes' : ''} | ${cell(c.description)} |`);
  lines.push('');
  return lines.join('\n');
}

/** What `--fix` does for this id (nothing when it has no fixer). */
function fixSection(id: string): string[] {
  const entry = FIXERS[id];
  if (!entry) return [];
  const lines = [`\`kubeplan lint --fix\` (and the editor's quick fix) ${entry.description}`, ''];
  if (id === 'removed-api-version') {
    lines.push('| from | kinds | to | what else changes |', '|---|---|---|---|');
    for (const m of MIGRATIONS)
      lines.push(`| ${m.from.map(code).join(', ')} | ${m.kinds.join(', ')} | ${code(m.to)} | ${cell(m.summary)} |`);
    lines.push('');
  }
  return lines;
}

function configureSection(id: string): string[] {
  return [
    '## Configure or suppress',
    '',
    `Change the severity, or turn the check off, in \`.kubeplan.yaml\` (or with \`--rule ${id}=off\`):`,
    '',
    '```yaml',
    'rules:',
    `  ${id}: error   # error, warning, info or off`,
    '```',
    '',
    `Suppress it for one object with the annotation \`kubeplan.dev/ignore: "${id}"\` (add`,
    '`kubeplan.dev/ignore-reason` to say why), or for the next line with',
    `\`# kubeplan-disable-next-line ${id} -- reason\`.`,
    '',
  ];
}

/**
 * A rationale is prose paragraphs; the one starting "Fix:" says how to fix. Paragraphs before it say why, those
 * after it are details of what is checked.
 */
function splitRationale(rationale: string): { why: string[]; fix: string | undefined; notes: string[] } {
  const parts = rationale
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const at = parts.findIndex((p) => /^Fix:\s/.test(p));
  if (at < 0) return { why: parts, fix: undefined, notes: [] };
  const fix = parts[at]!.replace(/^Fix:\s+/, '');
  return { why: parts.slice(0, at), fix: fix.charAt(0).toUpperCase() + fix.slice(1), notes: parts.slice(at + 1) };
}

function paragraphs(parts: readonly string[]): string[] {
  return parts.flatMap((p) => [p, '']);
}

const code = (value: string | undefined) => (value ? `\`${value}\`` : '—');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
