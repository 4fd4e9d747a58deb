/**
 * The pure lint API: inputs in, findings out. The CLI, the GitHub Action and editors all call this;
 * it never prints, never exits and never touches the network.
 */
import { applySeverities, sortFindings } from './core/findings.js';
import type { Finding, Manifest, Severity } from './core/types.js';
import { loadInputs, loadText, type LoadLimits, type LoadResult } from './load/index.js';

export interface LintOptions {
  /** Target Kubernetes minor, e.g. "1.34" (default: the newest supported). */
  kubeVersion?: string;
  /** Unknown kinds are errors instead of warnings. */
  strict?: boolean;
  /** Namespace of objects without metadata.namespace (default "default"). */
  defaultNamespace?: string;
  /** Missing ConfigMaps/Secrets/PVCs/ServiceAccounts are errors instead of warnings. */
  requireRefs?: boolean;
  /** Folders of extra JSON schemas (kubeconform naming). */
  schemaDirs?: string[];
  /** Per-rule severity overrides; 'off' disables a rule. */
  severities?: Record<string, Severity | 'off'>;
  limits?: Partial<LoadLimits>;
  cwd?: string;
  include?: string[];
  exclude?: string[];
  /** Content of the `-` input. */
  stdin?: Uint8Array | string;
  stdinFilename?: string;
}

export interface LintResult {
  /** Sorted by file, line, column, rule id. */
  findings: Finding[];
  manifests: Manifest[];
  files: string[];
  sources: Map<string, string>;
}

/** Lints files, folders, globs and `-` (stdin). */
export function lint(inputs: string[], options: LintOptions = {}): LintResult {
  const loaded = loadInputs(inputs, {
    cwd: options.cwd,
    include: options.include,
    exclude: options.exclude,
    limits: options.limits,
    stdin: options.stdin,
    stdinFilename: options.stdinFilename,
  });
  return checkLoaded(loaded, options);
}

/** Lints one in-memory text, e.g. an editor buffer (fast single-file mode). */
export function lintText(text: string, file: string, options: LintOptions = {}): LintResult {
  return checkLoaded(loadText(text, file, options.limits), options);
}

/** Runs every check over already-loaded manifests. */
export function checkLoaded(loaded: LoadResult, options: LintOptions): LintResult {
  const findings: Finding[] = [...loaded.findings];
  const all = applySeverities(findings, options.severities);
  return { findings: sortFindings(all), manifests: loaded.manifests, files: loaded.files, sources: loaded.sources };
}
