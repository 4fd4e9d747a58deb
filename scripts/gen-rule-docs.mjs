#!/usr/bin/env node
/**
 * Writes docs/rules/: one page per rule and built-in check, and the index README.md, rendered from their metadata by
 * src/docs/rule-pages.ts. The folder is entirely generated: pages of ids that no longer exist are deleted.
 * Runs on plain node from the build (`npm run compile` first; `npm run docs:rules` does both).
 *
 *   node scripts/gen-rule-docs.mjs          rewrite docs/rules/
 *   node scripts/gen-rule-docs.mjs --check  exit 1 when docs/rules/ is out of date (for CI)
 *
 * test/docs/rule-pages.test.ts checks the same thing from the sources, so the pages cannot drift.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every .md file under docs/rules, relative to the package root, with `/` separators. */
export function existingPages(dir = path.join(root, 'docs', 'rules')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) =>
      path
        .relative(root, path.join(e.parentPath ?? e.path, e.name))
        .split(path.sep)
        .join('/'),
    )
    .sort();
}

async function main() {
  const check = process.argv.includes('--check');
  const module = path.join(root, 'dist', 'src', 'docs', 'rule-pages.js');
  if (!existsSync(module)) {
    console.error('gen-rule-docs: dist/src/docs/rule-pages.js not found; run `npm run compile` first');
    process.exit(2);
  }
  const { rulePages } = await import(pathToFileURL(module).href);
  const pages = rulePages();
  const stale = existingPages().filter((p) => !pages.has(p));
  const changed = [...pages].filter(([p, text]) => {
    const file = path.join(root, p);
    return !existsSync(file) || readFileSync(file, 'utf8') !== text;
  });
  if (check) {
    if (changed.length + stale.length > 0) {
      console.error(
        `gen-rule-docs: docs/rules is out of date (${[...changed.map(([p]) => p), ...stale].join(', ')}); run \`npm run docs:rules\``,
      );
      process.exit(1);
    }
    return;
  }
  for (const p of stale) rmSync(path.join(root, p));
  for (const [p, text] of changed) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  console.log(`gen-rule-docs: ${pages.size} pages, ${changed.length} written, ${stale.length} removed`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
