/**
 * The pure lint API: inputs in, findings out. The CLI, the GitHub Action and editors all call this;
 * it never prints, never exits and never touches the network.
 *
 * Stages: load (YAML/JSON → Manifests) → schema validation → rules (API-server validation,
 * consistency, best practice) → suppressions → severity overrides → stable sort.
 */
import { knownIds, resolveOptions } from './api/config.js';
import { createPathFilter, type LoadConfigResult } from './config/index.js';
import { applySeverities, sortFindings } from './core/findings.js';
import type { Finding, Manifest, Severity } from './core/types.js';
import { attachFixes } from './fix/attach.js';
import { apiVersionStatus } from './k8s/api-versions.js';
import {
  loadInputs,
  loadText,
  type LoadInputsOptions,
  type LoadLimits,
  type LoadResult,
  type SkippedDocument,
} from './load/index.js';
import { defaultJobs, loadInputsInParallel } from './load/parallel.js';
import { expandInputs } from './load/inputs.js';
import { runRules } from './rules/engine.js';
import { lintCouldFire, Suppressions } from './rules/suppress.js';
import { DEFAULT_KUBE_VERSION, validateManifests } from './schema/index.js';

export { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from './schema/index.js';

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
  /** minimatch globs a file must match / must not match, relative to `globBase`. */
  include?: string[];
  exclude?: string[];
  /** Folder include/exclude are relative to (the config file's folder; default cwd). */
  globBase?: string;
  /** Content of the `-` input. */
  stdin?: Uint8Array | string;
  stdinFilename?: string;
  /**
   * A loaded `.kubeplan.yaml` (see loadConfigFor): its settings apply under the explicit options here, and its
   * problems are findings. Absent: no config file is read.
   */
  config?: LoadConfigResult;
  /**
   * Report suppressions that suppress nothing (`directive/unused`), as ESLint's --report-unused-disable-directives.
   * Unknown rule ids in suppressions are always reported (`directive/unknown-rule`).
   */
  reportUnusedDisableDirectives?: boolean;
  /** Give fixable findings their `fix` (text edits; see src/fix). Off by default: only --fix and editors need them. */
  fixes?: boolean;
  /**
   * More files, folders or globs read as context only: their objects take part in cross-object checks (a Service's
   * Deployment, a referenced ConfigMap) and in the plan, but findings are reported for the `inputs`' files only.
   * pre-commit passes the changed files as inputs and the repository (`.`) as context.
   */
  context?: string[];
  /** Environment in which kubectl/kustomize/helm are looked up on PATH to render folders (default: the process's). */
  env?: Record<string, string | undefined>;
  /**
   * Threads that read and parse files (`--jobs`; lintParallel only; default the number of cores, at most 8), used
   * only for many files (src/load/parallel.ts); the result is the same for every value.
   */
  jobs?: number;
}

export interface LintResult {
  /** Sorted by file, line, column, rule id. */
  findings: Finding[];
  manifests: Manifest[];
  files: string[];
  sources: Map<string, string>;
  /** Files read only as `context`: findings in them are left out (callers adding findings leave them out too). */
  contextFiles?: string[];
  /** Documents of walked files that are not Kubernetes objects (neither apiVersion nor kind): not checked. */
  skipped?: SkippedDocument[];
  /** The config file that applied (display path), named in the text report's first line. */
  configFile?: string;
}

/** Lints files, folders, globs and `-` (stdin). */
export function lint(inputs: string[], options: LintOptions = {}): LintResult {
  return withConfigFile(lintWith(inputs, options, false).result, options);
}

/**
 * lint, with files read and parsed by `options.jobs` worker threads when there are many: the same result, sooner on
 * several cores. Small inputs are read on the calling thread (starting workers would cost more).
 */
export async function lintParallel(inputs: string[], options: LintOptions = {}): Promise<LintResult> {
  const loaded = await loadInParallel(inputs, options);
  return withConfigFile(lintWith(inputs, options, false, true, loaded).result, options);
}

/**
 * The inputs (and `context`) read as lint reads them, by `options.jobs` threads (see lintParallel); undefined for
 * one job (the caller reads them itself).
 */
export async function loadInParallel(inputs: string[], options: LintOptions): Promise<LoadResult | undefined> {
  const jobs = options.jobs ?? defaultJobs();
  if (jobs <= 1) return undefined;
  const { options: effective } = resolveOptions(options);
  const all = effective.context?.length ? [...inputs, ...effective.context] : inputs;
  return loadInputsInParallel(all, loadOptions(effective), jobs);
}

/** Names the config file that applied (an invalid one applied nothing: not named). */
export function withConfigFile<T extends LintResult>(result: T, options: LintOptions): T {
  const loaded = options.config;
  if (!loaded?.file || loaded.findings.some((f) => f.severity === 'error')) return result;
  return { ...result, configFile: loaded.file };
}

/**
 * lint, with the suppressions for a later pass (see checkLoadedWith). `checks: false` only loads and reads the
 * suppressions (no schemas, no rules): what `plan` needs, since it reports only loader and config findings.
 */
export function lintWith(
  inputs: string[],
  options: LintOptions,
  deferUnused: boolean,
  checks = true,
  /** The inputs (and context) already read, e.g. by lintParallel's workers. */
  preloaded?: LoadResult,
): { result: LintResult; suppressions: Suppressions } {
  const { options: effective, configFindings } = resolveOptions(options);
  if (!effective.context?.length) {
    const loaded = preloaded ?? loadForLint(inputs, effective);
    const { result, suppressions } = checkLoadedWith(loaded, effective, deferUnused, checks);
    return { result: withFindings(result, configFindings), suppressions };
  }
  const loaded = preloaded ?? loadForLint([...inputs, ...effective.context], effective);
  const { result: checked, suppressions } = checkLoadedWith(loaded, effective, deferUnused, checks);
  const result = withFindings(checked, configFindings);
  // The files the inputs name (a file named both ways is reported); everything else was read as context.
  const cwd = effective.cwd ?? process.cwd();
  const expanded = expandInputs(
    inputs.filter((i) => i !== '-'),
    { cwd, ...pathFilter(effective, cwd) },
  );
  const given = new Set(expanded.files);
  // Folders the inputs name that were read rendered (kustomizations, charts): the files their objects show as.
  for (const r of loaded.rendered ?? []) if (expanded.rendered.includes(r.dir)) for (const f of r.files) given.add(f);
  if (inputs.includes('-')) given.add(effective.stdinFilename ?? '<stdin>');
  const contextFiles = loaded.files.filter((file) => !given.has(file));
  return {
    result: {
      ...result,
      files: result.files.filter((file) => given.has(file)),
      ...withoutContext(result.findings, contextFiles),
    },
    suppressions,
  };
}

/** Findings outside the context-only files, and those files (see LintOptions.context). */
export function withoutContext(
  findings: Finding[],
  contextFiles: string[],
): { findings: Finding[]; contextFiles: string[] } {
  const skip = new Set(contextFiles);
  return { findings: findings.filter((f) => !skip.has(f.file)), contextFiles };
}

function pathFilter(options: LintOptions, cwd: string): { filter?: (file: string) => boolean } {
  const filtered = (options.include?.length ?? 0) + (options.exclude?.length ?? 0) > 0;
  return filtered
    ? {
        filter: createPathFilter({
          include: options.include ?? [],
          exclude: options.exclude ?? [],
          baseDir: options.globBase ?? cwd,
          cwd,
        }),
      }
    : {};
}

/** Reads the inputs the way `lint` does (include/exclude, limits, stdin), without checking them. */
export function loadForLint(inputs: string[], given: LintOptions = {}): LoadResult {
  return loadInputs(inputs, loadOptions(resolveOptions(given).options));
}

/** What the loader takes from resolved lint options (include/exclude, limits, stdin, environment). */
function loadOptions(options: LintOptions): LoadInputsOptions {
  const cwd = options.cwd ?? process.cwd();
  return {
    cwd,
    ...pathFilter(options, cwd),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    ...(options.stdinFilename !== undefined ? { stdinFilename: options.stdinFilename } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  };
}

/** Lints one in-memory text, e.g. an editor buffer (fast single-file mode). */
export function lintText(text: string, file: string, options: LintOptions = {}): LintResult {
  const { options: effective, configFindings } = resolveOptions(options);
  return withFindings(checkLoaded(loadText(text, file, effective.limits), effective), configFindings);
}

function withFindings(result: LintResult, extra: Finding[]): LintResult {
  return extra.length === 0 ? result : { ...result, findings: sortFindings([...extra, ...result.findings]) };
}

/** Runs every check over already-loaded manifests (a `config`'s settings apply; its own findings are lint's to add). */
export function checkLoaded(loaded: LoadResult, given: LintOptions): LintResult {
  return checkLoadedWith(loaded, given, false).result;
}

/**
 * checkLoaded, also returning the suppressions so `check` can run the planner's findings through the same ones;
 * with `deferUnused` the unused-directive report is left to the caller (after the planner).
 */
export function checkLoadedWith(
  loaded: LoadResult,
  given: LintOptions,
  deferUnused: boolean,
  checks = true,
): { result: LintResult; suppressions: Suppressions } {
  const options = resolveOptions(given).options;
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const findings: Finding[] = [...loaded.findings];
  if (checks) addCheckFindings(loaded, options, kubeVersion, findings);
  const suppressions = new Suppressions(loaded.sources, loaded.manifests);
  const kept = applySeverities(suppressions.apply(findings), options.severities);
  // Findings about suppressions can themselves be suppressed (`# kubeplan-disable directive/unused`).
  const hygiene = suppressions.report({
    knownIds: knownIds(),
    unused: !deferUnused && (options.reportUnusedDisableDirectives ?? false),
    couldFire: lintCouldFire,
  });
  const sorted = sortFindings([...kept, ...applySeverities(suppressions.apply(hygiene), options.severities)]);
  const result = {
    findings: options.fixes ? attachFixes(sorted, loaded.manifests, loaded.sources) : sorted,
    manifests: loaded.manifests,
    files: loaded.files,
    sources: loaded.sources,
    ...(loaded.skipped ? { skipped: loaded.skipped } : {}),
  };
  return { result, suppressions };
}

/** Schema validation and the rules: everything `lint` adds to what loading the files found. */
function addCheckFindings(loaded: LoadResult, options: LintOptions, kubeVersion: string, findings: Finding[]): void {
  const schemaFindings = validateManifests(loaded.manifests, {
    // Schemas are those of the newest supported release; apiVersion availability follows kubeVersion.
    kubeVersion: DEFAULT_KUBE_VERSION,
    strict: options.strict ?? false,
    schemaDirs: options.schemaDirs ?? [],
  });
  for (const f of withoutLegacyUnknownKinds(schemaFindings, kubeVersion)) findings.push(f);
  const ruleFindings = runRules(loaded.manifests, {
    kubeVersion,
    defaultNamespace: options.defaultNamespace ?? 'default',
    requireRefs: options.requireRefs ?? false,
    ...(options.severities ? { severities: options.severities } : {}),
  });
  for (const f of ruleFindings) findings.push(f);
}

/**
 * A removed or deprecated built-in apiVersion (extensions/v1beta1 Ingress) has no schema, but it is not an
 * "unknown kind": the apiVersion rules explain it better, so the schema stage's warning is dropped.
 */
function withoutLegacyUnknownKinds(findings: Finding[], kubeVersion: string): Finding[] {
  return findings.filter((f) => {
    if (f.ruleId !== 'schema/unknown-kind' || !f.object?.apiVersion || !f.object.kind) return true;
    return apiVersionStatus(f.object.apiVersion, f.object.kind, kubeVersion).status === 'ok';
  });
}
