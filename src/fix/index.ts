/**
 * Fixes: certain, minimal text edits for findings (`kubeplan lint --fix`, `--fix-dry-run`, editor quick fixes).
 * A fix edits the file's text where the finding is — it never re-serializes YAML — so comments, key order, quoting,
 * blank lines and anchors elsewhere stay byte-identical. Which checks have fixers: `FIXABLE_IDS`.
 */
export { applyFixes } from './apply.js';
export { attachFixes } from './attach.js';
export { FIXABLE_IDS } from './fixers/index.js';
export { migrationFor, MIGRATIONS } from './fixers/removed-api-version.js';
export {
  DEFAULT_MAX_PASSES,
  fix,
  fixDiff,
  fixText,
  writeFixedFiles,
  type FixedFile,
  type FixOptions,
  type FixResult,
} from './run.js';
