#!/usr/bin/env node
/**
 * Writes the rules table into docs/rules.md, between `<!-- rules:start -->` and `<!-- rules:end -->`, and the
 * table of built-in checks (input, YAML, schema, plan, rollout, config, git) between `<!-- checks:start -->`
 * and `<!-- checks:end -->`.
 * Runs on plain node: it reads the rule metadata from the build (`npm run compile` first).
 *
 *   node scripts/gen-rule-tables.mjs          rewrite docs/rules.md   (npm run docs:tables)
 *   node scripts/gen-rule-tables.mjs --check  exit 1 when docs/rules.md is out of date
 *
 * test/rules/meta.test.ts and test/core/builtin-checks.test.ts import the render and replace functions from here,
 * so the tests and this script can never disagree about what the tables should be.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file holding both tables, relative to the repository root. */
export const TABLES_FILE = 'docs/rules.md';

export const START_MARKER = '<!-- rules:start -->';
export const END_MARKER = '<!-- rules:end -->';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The markdown table, one row per rule, sorted by id. */
export function renderRulesTable(rules) {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.map((r) =>
    [
      // The id links to the rule's page, docs/rules/<id>.md (relative to docs/rules.md).
      `[\`${r.id}\`](rules/${r.id}.md)`,
      r.severity,
      r.category,
      cell(r.description),
      code(r.kubeLinter),
      code(r.kubeScore),
    ].join(' | '),
  );
  return [
    '| id | severity | category | description | kube-linter | kube-score |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** Text with the table between the markers replaced; undefined when the markers are missing. */
export function replaceRulesTable(text, table) {
  return replaceBetween(text, START_MARKER, END_MARKER, table);
}

export const CHECKS_START = '<!-- checks:start -->';
export const CHECKS_END = '<!-- checks:end -->';

/** The built-in checks (src/core/builtin-checks.ts), one row each, in catalog order. */
export function renderChecksTable(checks) {
  const rows = checks.map((c) => [`\`${c.id}\``, c.severity, cell(c.description)].join(' | '));
  return ['| id | severity | when |', '|---|---|---|', ...rows.map((r) => `| ${r} |`)].join('\n');
}

/** Text with the checks table replaced; undefined when its markers are missing. */
export function replaceChecksTable(text, table) {
  return replaceBetween(text, CHECKS_START, CHECKS_END, table);
}

function replaceBetween(text, startMarker, endMarker, table) {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < start) return undefined;
  return `${text.slice(0, start + startMarker.length)}\n${table}\n${text.slice(end)}`;
}

function cell(text) {
  return String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function code(text) {
  return text ? `\`${cell(text)}\`` : '';
}

async function main() {
  const check = process.argv.includes('--check');
  const registry = path.join(root, 'dist', 'src', 'rules', 'registry.js');
  if (!existsSync(registry)) {
    console.error('gen-rule-tables: dist/src/rules/registry.js not found; run `npm run compile` first');
    process.exit(2);
  }
  const { allRules } = await import(pathToFileURL(registry).href);
  const { BUILTIN_CHECKS } = await import(
    pathToFileURL(path.join(root, 'dist', 'src', 'core', 'builtin-checks.js')).href
  );
  const readmePath = path.join(root, TABLES_FILE);
  const readme = readFileSync(readmePath, 'utf8');
  const withRules = replaceRulesTable(readme, renderRulesTable(allRules));
  const updated =
    withRules === undefined ? undefined : replaceChecksTable(withRules, renderChecksTable(BUILTIN_CHECKS));
  if (updated === undefined) {
    console.error(
      `gen-rule-tables: ${TABLES_FILE} needs the ${START_MARKER} … ${END_MARKER} and ${CHECKS_START} … ${CHECKS_END} markers`,
    );
    process.exit(2);
  }
  if (check) {
    if (updated !== readme) {
      console.error(
        `gen-rule-tables: the tables in ${TABLES_FILE} are out of date; run \`npm run compile && npm run docs:tables\``,
      );
      process.exit(1);
    }
    return;
  }
  if (updated !== readme) writeFileSync(readmePath, updated);
  console.log(
    `gen-rule-tables: ${allRules.length} rules${updated === readme ? ` (${TABLES_FILE} already up to date)` : ` written to ${TABLES_FILE}`}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
