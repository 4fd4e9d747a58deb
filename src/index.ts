/** kubeplan's public API (`import { lint, plan, check } from 'kubeplan'`); see src/api/index.ts. */
export * from './api/index.js';
export { loadInputs, loadText, loadBytes, DEFAULT_LIMITS, type LoadLimits, type LoadResult } from './load/index.js';
export type { Finding, Fix, Manifest, ObjectRef, Severity, SourceRange, JsonPath, TextEdit } from './core/types.js';
export {
  applyFixes,
  fix,
  fixDiff,
  fixText,
  writeFixedFiles,
  FIXABLE_IDS,
  type FixedFile,
  type FixOptions,
  type FixResult,
} from './fix/index.js';
export { ruleDocPath, ruleDocUrl, rulePageText } from './docs/rule-pages.js';
