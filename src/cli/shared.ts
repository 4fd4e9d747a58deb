/** What the CLI commands share: options from flags + config, printing findings, exit codes, colour. */
import { readFileSync } from 'node:fs';
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import { countFindings, sortFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { loadConfig, type KubeplanConfig } from '../config/index.js';
import { DEFAULT_KUBE_VERSION, lint, type LintOptions, type LintResult } from '../lint.js';
import { findingsToGithub } from '../output/github.js';
import { findingsToJson } from '../output/json.js';
import { findingsToSarif, type SarifRuleInfo } from '../output/sarif.js';
import { formatText } from '../output/text.js';
import { allRules } from '../rules/registry.js';
import type { CliOptions } from './args.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Uint8Array;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** Thrown for a usage problem found after parsing (exit code 2). */
export class UsageError extends Error {}

/** Effective lint options: command-line flags override the config file, which overrides defaults. */
export function lintOptionsFrom(
  options: CliOptions,
  config: KubeplanConfig,
  configBase: string,
  io: CliIO,
): LintOptions {
  const kubeVersion = options.kubeVersion ?? config.kubeVersion ?? DEFAULT_KUBE_VERSION;
  if (Number(kubeVersion.split('.')[1]) > Number(DEFAULT_KUBE_VERSION.split('.')[1])) {
    throw new UsageError(
      `Kubernetes ${kubeVersion} is newer than the newest supported version (${DEFAULT_KUBE_VERSION})`,
    );
  }
  const known = new Set([...allRules.map((r) => r.id), ...BUILTIN_CHECKS.map((c) => c.id)]);
  for (const id of Object.keys(options.severities)) {
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule ${JSON.stringify(id)} (see \`kubeplan rules\`)`);
  }
  const namespace = options.namespace ?? config.namespace;
  const cliGlobs = options.include.length + options.exclude.length > 0;
  return {
    kubeVersion,
    strict: options.strict || (config.strict ?? false),
    ...(namespace ? { defaultNamespace: namespace } : {}),
    requireRefs: options.requireRefs || (config.requireRefs ?? false),
    schemaDirs: [...config.schemaDirs, ...options.schemaDirs],
    severities: { ...config.rules, ...options.severities },
    limits: options.limits,
    cwd: io.cwd,
    // Globs from the command line are relative to the working directory, those from the config to its folder.
    include: cliGlobs ? options.include : config.include,
    exclude: cliGlobs ? options.exclude : config.exclude,
    globBase: cliGlobs ? io.cwd : configBase,
    ...(options.inputs.includes('-') ? { stdin: io.readStdin() } : {}),
    ...(options.stdinFilename ? { stdinFilename: options.stdinFilename } : {}),
  };
}

/** Lint with the config file applied; config problems are findings like any other. */
export function lintWithConfig(options: CliOptions, io: CliIO): LintResult & { options: LintOptions } {
  const loaded = loadConfig({ cwd: io.cwd, ...(options.config !== undefined ? { configPath: options.config } : {}) });
  const lintOptions = lintOptionsFrom(options, loaded.config, loaded.baseDir, io);
  const result = lint(options.inputs, lintOptions);
  return { ...result, findings: sortFindings([...loaded.findings, ...result.findings]), options: lintOptions };
}

export function runLint(options: CliOptions, io: CliIO): number {
  const result = lintWithConfig(options, io);
  const findings = visibleFindings(result.findings, options);
  printFindings(findings, result, options, io);
  return exitCodeFor(result.findings, options);
}

export function visibleFindings(findings: Finding[], options: CliOptions): Finding[] {
  return options.quiet ? findings.filter((f) => f.severity === 'error') : findings;
}

export function printFindings(findings: Finding[], result: LintResult, options: CliOptions, io: CliIO): void {
  const summary = { files: result.files.length, objects: result.manifests.length };
  if (options.format === 'json') {
    io.stdout(JSON.stringify(findingsToJson(findings, summary), null, 2) + '\n');
  } else if (options.format === 'sarif') {
    io.stdout(JSON.stringify(findingsToSarif(findings, ruleInfos(), version()), null, 2) + '\n');
  } else if (options.format === 'github') {
    io.stdout(findingsToGithub(findings));
  } else {
    io.stdout(formatText(findings, summary, { color: useColor(options, io), sources: result.sources }));
  }
}

export function exitCodeFor(findings: Finding[], options: CliOptions): number {
  const counts = countFindings(findings);
  if (counts.error > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

export function useColor(options: CliOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

/** Rule metadata for SARIF's rule table. */
function ruleInfos(): SarifRuleInfo[] {
  return [
    ...allRules.map((r) => ({ id: r.id, description: r.description, rationale: r.rationale, severity: r.severity })),
    ...BUILTIN_CHECKS.map((c) => ({ id: c.id, description: c.description, severity: c.severity })),
  ];
}
