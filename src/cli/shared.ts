/** What the CLI commands share: flags → API options, exit codes, colour. */
import { loadConfigFor } from '../api/config.js';
import { OptionsError } from '../api/errors.js';
import { configProblem } from '../config/index.js';
import type { PlanApiOptions } from '../api/check.js';
import { countFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
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
export const EXIT_INTERNAL = 3;

/**
 * Flags → API options. The config file (`--config`, else `.kubeplan.yaml` upwards from the working directory) is
 * loaded here and passed in; flags that were not given are left out so the config's values apply.
 */
export function apiOptions(options: CliOptions, io: CliIO): PlanApiOptions {
  const config = loadConfigFor(io.cwd, {
    cwd: io.cwd,
    ...(options.config !== undefined ? { configPath: options.config } : {}),
  });
  // An invalid config is not applied, and the run does not go on without it: exit 2 with its problems.
  const problem = configProblem(config);
  if (problem) throw new OptionsError(problem);
  return {
    config,
    cwd: io.cwd,
    ...(options.kubeVersion !== undefined ? { kubeVersion: options.kubeVersion } : {}),
    ...(options.strict ? { strict: true } : {}),
    ...(options.namespace !== undefined ? { defaultNamespace: options.namespace } : {}),
    ...(options.requireRefs ? { requireRefs: true } : {}),
    schemaDirs: options.schemaDirs,
    severities: options.severities,
    limits: options.limits,
    // Globs from the command line are relative to the working directory (the config's to its own folder).
    include: options.include,
    exclude: options.exclude,
    globBase: io.cwd,
    ...(options.inputs.includes('-') ? { stdin: io.readStdin() } : {}),
    ...(options.stdinFilename !== undefined ? { stdinFilename: options.stdinFilename } : {}),
    ...(options.cluster !== undefined ? { cluster: options.cluster } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
    ...(options.scoreAllNodes ? { scoreAllNodes: true } : {}),
    ...(options.drain !== undefined ? { drain: options.drain } : {}),
    ...(options.failZones !== undefined ? { failZones: options.failZones } : {}),
    ...(options.headroom !== undefined ? { headroom: options.headroom } : {}),
    ...(options.maxPods !== undefined ? { maxPods: options.maxPods } : {}),
    ...(options.maxSchedulingWork !== undefined ? { maxSchedulingWork: options.maxSchedulingWork } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
  };
}

/** `--quiet` shows errors only (the exit code still counts everything). */
export function visibleFindings(findings: Finding[], options: CliOptions): Finding[] {
  return options.quiet ? findings.filter((f) => f.severity === 'error') : findings;
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
