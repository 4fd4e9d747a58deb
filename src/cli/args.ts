/** Command-line parsing: flags → typed options, with usage errors as values (exit code 2), never throws. */
import { parseArgs } from 'node:util';
import type { Severity } from '../core/types.js';
import { knownIds } from '../api/config.js';
import { didYouMean } from '../core/did-you-mean.js';
import { FORMATS, type Format } from '../output/index.js';

export const COMMANDS = ['lint', 'plan', 'check', 'rules', 'lsp', 'version', 'help'] as const;
export type Command = (typeof COMMANDS)[number];
export { FORMATS, type Format };

export interface CliOptions {
  command: Command;
  inputs: string[];
  format: Format;
  kubeVersion?: string;
  strict: boolean;
  namespace?: string;
  requireRefs: boolean;
  schemaDirs: string[];
  config?: string;
  severities: Record<string, Severity | 'off'>;
  quiet: boolean;
  /** List the documents a folder walk skipped (text output). */
  verbose: boolean;
  maxWarnings?: number;
  stdinFilename?: string;
  color?: boolean;
  limits: {
    maxFileBytes?: number;
    maxDocuments?: number;
    maxAliasCount?: number;
    maxDepth?: number;
    maxAliasBytes?: number;
  };
  include: string[];
  exclude: string[];
  context?: string[];
  cluster?: string;
  seed?: string;
  now?: string;
  explain?: string;
  scoreAllNodes?: boolean;
  drain?: string[];
  failZones?: string[];
  headroom?: string;
  maxPods?: number;
  maxSchedulingWork?: number;
  from?: string[];
  base?: string;
  /** lint: write certain fixes to the files (`write`) or print them as a unified diff (`dry-run`). */
  fix?: 'write' | 'dry-run';
  reportUnusedDisableDirectives: boolean;
  /** Write the report to this file instead of stdout. */
  output?: string;
  /** Threads reading files (default: the number of cores, at most 8). */
  jobs?: number;
}

export const FLAGS = {
  format: { type: 'string', short: 'f' },
  'kube-version': { type: 'string' },
  strict: { type: 'boolean' },
  namespace: { type: 'string', short: 'n' },
  'require-refs': { type: 'boolean' },
  'schema-dir': { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  'max-warnings': { type: 'string' },
  'stdin-filename': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'max-documents': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-alias-size': { type: 'string' },
  'max-depth': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  context: { type: 'string', multiple: true },
  cluster: { type: 'string' },
  seed: { type: 'string' },
  now: { type: 'string' },
  explain: { type: 'string' },
  'score-all-nodes': { type: 'boolean' },
  'max-pods': { type: 'string' },
  'max-scheduling-work': { type: 'string' },
  from: { type: 'string', multiple: true },
  drain: { type: 'string', multiple: true },
  'fail-zone': { type: 'string', multiple: true },
  headroom: { type: 'string' },
  base: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'report-unused-disable-directives': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

const SEVERITIES = ['off', 'info', 'warning', 'error'];

/** Most --jobs threads accepted (each holds its own copy of the loader's code: ~30 MB). */
const MAX_JOBS = 64;

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional.*$/s, '');
    // "Unknown option '--fromat'" → did you mean "--format"?
    const flag = /^Unknown option '(--[^']+)'/.exec(message)?.[1];
    const flags = Object.keys(FLAGS).map((f) => `--${f}`);
    return { ok: false, error: flag ? `${message}${didYouMean(flag, flags)}` : message };
  }
  const v = parsed.values;
  const positionals = [...parsed.positionals];
  // After `--` (the end of options; pre-commit's hooks put it before the file names) every argument is a path, and
  // `-` too is a file named "-" there, not stdin: a staged file named `-` must not make the hook wait on stdin.
  const end = argv.indexOf('--');
  if (end >= 0) {
    const afterEnd = argv.length - end - 1;
    for (let i = positionals.length - afterEnd; i < positionals.length; i++)
      if (i >= 0 && positionals[i] === '-') positionals[i] = './-';
  }
  let command: Command;
  if (v.help) command = 'help';
  else if (v.version) command = 'version';
  else if (positionals.length > 0) {
    const first = positionals.shift()!;
    if (!(COMMANDS as readonly string[]).includes(first)) {
      const hint = didYouMean(first, COMMANDS);
      return {
        ok: false,
        error: `unknown command ${JSON.stringify(first)}${hint || ` (expected one of: ${COMMANDS.join(', ')})`}`,
      };
    }
    command = first as Command;
  } else return { ok: false, error: 'missing command' };

  const format = (v.format ?? 'text') as Format;
  if (!(FORMATS as readonly string[]).includes(format))
    return { ok: false, error: `--format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(format)})` };

  const severities: Record<string, Severity | 'off'> = {};
  for (const spec of v.rule ?? []) {
    const m = /^([a-z0-9][a-z0-9/-]*)=(off|info|warning|error)$/.exec(spec);
    if (!m) return { ok: false, error: `--rule expects id=${SEVERITIES.join('|')} (got ${JSON.stringify(spec)})` };
    const ids = knownIds();
    if (!ids.includes(m[1]!))
      return {
        ok: false,
        error: `--rule: unknown rule ${JSON.stringify(m[1])}${didYouMean(m[1]!, ids)} (see \`kubeplan rules\`)`,
      };
    severities[m[1]!] = m[2] as Severity | 'off';
  }

  const numbers: Record<string, number | undefined> = {};
  for (const flag of [
    'max-warnings',
    'max-documents',
    'max-aliases',
    'max-depth',
    'max-pods',
    'max-scheduling-work',
  ] as const) {
    const raw = v[flag];
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw))
      return { ok: false, error: `--${flag} expects a non-negative integer (got ${JSON.stringify(raw)})` };
    numbers[flag] = Number(raw);
  }
  let maxFileBytes: number | undefined;
  if (v['max-file-size'] !== undefined) {
    maxFileBytes = parseSize(v['max-file-size']);
    if (maxFileBytes === undefined)
      return {
        ok: false,
        error: `--max-file-size expects a size like 10MB, 512KiB or 1048576 (got ${JSON.stringify(v['max-file-size'])})`,
      };
  }
  const maxAliasBytes = v['max-alias-size'] === undefined ? undefined : parseSize(v['max-alias-size']);
  if (v['max-alias-size'] !== undefined && maxAliasBytes === undefined)
    return {
      ok: false,
      error: `--max-alias-size expects a size like 1MiB, 512KiB or 1048576 (got ${JSON.stringify(v['max-alias-size'])})`,
    };
  if (v.jobs !== undefined && !(/^\d+$/.test(v.jobs) && Number(v.jobs) >= 1 && Number(v.jobs) <= MAX_JOBS))
    return {
      ok: false,
      error: `--jobs expects a number of threads from 1 to ${MAX_JOBS} (got ${JSON.stringify(v.jobs)})`,
    };
  if (v.now !== undefined && Number.isNaN(Date.parse(v.now)))
    return { ok: false, error: `--now expects an ISO 8601 time (got ${JSON.stringify(v.now)})` };
  if (v['kube-version'] !== undefined && !/^v?1\.\d{1,2}$/.test(v['kube-version'])) {
    return {
      ok: false,
      error: `--kube-version expects a minor version like 1.34 (got ${JSON.stringify(v['kube-version'])})`,
    };
  }

  const needsInputs = command === 'lint' || command === 'plan' || command === 'check';
  if (needsInputs && positionals.length === 0)
    return { ok: false, error: `${command}: no inputs given (files, folders, globs, or - for stdin)` };
  if (v.from && v.base) return { ok: false, error: '--from and --base cannot be used together' };
  if (v.fix && v['fix-dry-run']) return { ok: false, error: '--fix and --fix-dry-run cannot be used together' };
  if ((v.fix || v['fix-dry-run']) && command !== 'lint')
    return { ok: false, error: `--fix and --fix-dry-run work with lint, not ${command}` };

  const options: CliOptions = {
    command,
    inputs: positionals,
    format,
    strict: v.strict ?? false,
    requireRefs: v['require-refs'] ?? false,
    schemaDirs: v['schema-dir'] ?? [],
    severities,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
    limits: {
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
      ...(numbers['max-documents'] !== undefined ? { maxDocuments: numbers['max-documents'] } : {}),
      ...(numbers['max-aliases'] !== undefined ? { maxAliasCount: numbers['max-aliases'] } : {}),
      ...(numbers['max-depth'] !== undefined ? { maxDepth: numbers['max-depth'] } : {}),
      ...(maxAliasBytes !== undefined ? { maxAliasBytes } : {}),
    },
    include: v.include ?? [],
    exclude: v.exclude ?? [],
    ...(v['kube-version'] !== undefined ? { kubeVersion: v['kube-version'].replace(/^v/, '') } : {}),
    ...(v.namespace !== undefined ? { namespace: v.namespace } : {}),
    ...(v.config !== undefined ? { config: v.config } : {}),
    ...(numbers['max-warnings'] !== undefined ? { maxWarnings: numbers['max-warnings'] } : {}),
    ...(v['stdin-filename'] !== undefined ? { stdinFilename: v['stdin-filename'] } : {}),
    ...(v['no-color'] ? { color: false } : v.color ? { color: true } : {}),
    ...(v.cluster !== undefined ? { cluster: v.cluster } : {}),
    ...(v.seed !== undefined ? { seed: v.seed } : {}),
    ...(v.now !== undefined ? { now: v.now } : {}),
    ...(v.explain !== undefined ? { explain: v.explain } : {}),
    ...(v['score-all-nodes'] ? { scoreAllNodes: true } : {}),
    ...(v.drain !== undefined ? { drain: v.drain } : {}),
    ...(v['fail-zone'] !== undefined ? { failZones: v['fail-zone'] } : {}),
    ...(v.headroom !== undefined ? { headroom: v.headroom } : {}),
    ...(numbers['max-pods'] !== undefined ? { maxPods: numbers['max-pods'] } : {}),
    ...(numbers['max-scheduling-work'] !== undefined ? { maxSchedulingWork: numbers['max-scheduling-work'] } : {}),
    ...(v.from !== undefined ? { from: v.from } : {}),
    ...(v.context !== undefined ? { context: v.context } : {}),
    ...(v.base !== undefined ? { base: v.base } : {}),
    ...(v.fix ? { fix: 'write' as const } : v['fix-dry-run'] ? { fix: 'dry-run' as const } : {}),
    reportUnusedDisableDirectives: v['report-unused-disable-directives'] ?? false,
    ...(v.output !== undefined ? { output: v.output } : {}),
    ...(v.jobs !== undefined ? { jobs: Number(v.jobs) } : {}),
  };
  return { ok: true, options };
}

/** "10MB", "512KiB", "1048576" → bytes. */
export function parseSize(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib|k|m|g)?$/i.exec(raw.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const scale: Record<string, number> = {
    b: 1,
    k: 1024,
    kb: 1000,
    kib: 1024,
    m: 1024 ** 2,
    mb: 1000 ** 2,
    mib: 1024 ** 2,
    g: 1024 ** 3,
    gb: 1000 ** 3,
    gib: 1024 ** 3,
  };
  return Math.round(Number(m[1]) * scale[unit]!);
}

export const USAGE = `Usage: kubeplan <command> [inputs...] [flags]

Commands:
  lint     check manifests: YAML, schemas, API-server validation, rules
  plan     show what the cluster would do: ReplicaSets, pods, placements, endpoints, routes, rollouts
  check    lint + plan; fails on lint errors and on planner errors (unschedulable pods, …)
  rules    list every rule (use --format json for machine output); rules ID prints the rule's page
  lsp      language server on stdio: diagnostics for open YAML files as you type (editors)
  version  print the version
  help     print this help

Inputs: files, folders (recursive *.yaml, *.yml, *.json), globs (quoted), - for stdin.

Flags:
  -f, --format FORMAT         text, json, sarif (code scanning), github (annotations), markdown, junit
                              or html (plan/check: a self-contained page);
                              default text
      --kube-version 1.N      target Kubernetes minor (default: newest supported)
      --strict                unknown kinds are errors instead of warnings
  -n, --namespace NS          namespace for objects without one (default "default")
      --require-refs          missing ConfigMaps/Secrets/PVCs/ServiceAccounts are errors
      --schema-dir DIR        extra JSON schemas (kubeconform naming); repeatable
  -c, --config FILE           config file (default: .kubeplan.yaml found upwards from cwd)
      --rule ID=SEVERITY      override a rule: off|info|warning|error; repeatable
  -q, --quiet                 report errors only
  -v, --verbose               also list the documents skipped as not Kubernetes objects or not manifests
  -o, --output FILE           write the report to FILE instead of stdout
      --report-unused-disable-directives
                              report kubeplan-disable comments and ignore annotations that suppress nothing
      --max-warnings N        exit 1 when there are more than N warnings
      --stdin-filename NAME   file name shown for stdin (editors)
      --include GLOB          only check files matching GLOB; repeatable
      --exclude GLOB          skip files matching GLOB; repeatable
      --context PATH          also read PATH for cross-object checks and the plan, reporting only on the
                              inputs (pre-commit: kubeplan check --context . <changed files>); repeatable
      --color, --no-color     force colour on or off (default: on for a TTY, off with NO_COLOR)
      --max-file-size SIZE    largest file read (default 10MiB)
      --max-documents N       most documents per file (default 20000)
      --max-aliases N         YAML alias-expansion budget (default 100)
      --max-alias-size SIZE   most content YAML aliases may add to a document (default 1MiB)
      --max-depth N           deepest nesting accepted (default 200)
  -j, --jobs N                threads reading and parsing files (default: the cores, at most 8; used
                              from 64 files and 16 MiB on); the report is the same for every N
lint:
      --fix                   apply certain fixes to the files (stdin: print the fixed text); report what is left
      --fix-dry-run           print the fixes as a unified diff instead of writing them
plan / check:
      --cluster FILE          Nodes (+ running Pods) to plan on (default: built-in 3-node cluster)
      --seed S                seed for generated pod-name suffixes (default "kubeplan")
      --now TIME              ISO time for CronJob schedules (default 2025-01-01T00:00:00Z)
      --explain POD           print each node's filter verdict and scores for POD
      --score-all-nodes       filter and score every node (default: from 100 nodes, stop after
                              numFeasibleNodesToFind feasible nodes, as kube-scheduler does)
      --drain NODE            what if NODE is drained (kubectl drain --ignore-daemonsets
                              --delete-emptydir-data, PodDisruptionBudgets honoured); repeatable
      --fail-zone ZONE        what if every node of ZONE (topology.kubernetes.io/zone) is lost; repeatable
      --headroom [NS/]KIND/NAME  how many more replicas of a deploy/sts/rs/job fit
      --max-pods N            most pods one plan creates (default 150000, the scalability envelope)
      --max-scheduling-work N scheduling-work budget in node × term evaluations (default 1000000000)
      --from PATH             old manifests: show changes and rollout steps; repeatable
      --base REV              old manifests = the same paths at git revision REV
  -h, --help                  print this help
  -V, --version               print the version

Exit codes: 0 no error-level finding; 1 error-level findings (or more warnings than --max-warnings);
2 usage error (bad flag or value, unknown rule, missing --cluster file, bad --base); 3 internal error (a bug).
`;
