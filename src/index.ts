/** kubeplan's public API. */
export { lint, lintText, checkLoaded, type LintOptions, type LintResult } from './lint.js';
export { loadInputs, loadText, loadBytes, DEFAULT_LIMITS, type LoadLimits, type LoadResult } from './load/index.js';
export type { Finding, Manifest, ObjectRef, Severity, SourceRange, JsonPath } from './core/types.js';
