/**
 * `plan` and `check` as functions: load (and for check, lint) the manifests, plan them on the cluster model, and
 * with `from`/`base` compare against the old manifests for changes and rollout steps. Pure: no printing, no exit,
 * no process globals (the working directory comes from `options.cwd`).
 */
import { applySeverities, sortFindings } from '../core/findings.js';
import type { Finding, Manifest } from '../core/types.js';
import { loadRevisionInputs } from '../git/index.js';
import {
  lintWith,
  loadInParallel,
  withConfigFile,
  withoutContext,
  type LintOptions,
  type LintResult,
} from '../lint.js';
import { loadInputs, type LoadResult } from '../load/index.js';
import {
  plan as runPlanner,
  PlanOptionError,
  type PlanOptions,
  type PlanResult,
  type WhatIfRequest,
} from '../plan/index.js';
import {
  planChanges as diffManifests,
  rolloutCluster,
  rolloutWorkloads,
  type ChangesResult,
} from '../rollout/index.js';
import { applySuppressions } from '../rules/suppress.js';
import { knownIds, resolveOptions } from './config.js';
import { OptionsError } from './errors.js';

export interface PlanApiOptions extends LintOptions {
  /**
   * Nodes (+ running Pods with spec.nodeName) to plan on: a file (relative to `cwd`) or already-loaded manifests.
   * Default: the built-in 3-node cluster. A file that does not exist is an OptionsError, never an empty cluster.
   */
  cluster?: string | { manifests: Manifest[]; source: string };
  /** Seed for generated pod-name suffixes (default "kubeplan"). */
  seed?: string;
  /** ISO instant CronJob schedules are computed from (default 2025-01-01T00:00:00Z, never the wall clock). */
  now?: string;
  /** A pod name (or namespace/name): the plan reports each node's filter verdict and scores for it. */
  explain?: string;
  /** Filter and score every node (percentageOfNodesToScore 100) instead of kube-scheduler's sampling from 100 nodes. */
  scoreAllNodes?: boolean;
  /** The plan-wide pod budget (default 150,000, the Kubernetes scalability envelope). */
  maxPods?: number;
  /** The scheduling-work budget in node × term evaluations (default 10^9; see docs/usage.md). */
  maxSchedulingWork?: number;
  /** Nodes to drain (`kubectl drain --ignore-daemonsets --delete-emptydir-data`), in order, once the plan is placed. */
  drain?: string[];
  /** Zones (topology.kubernetes.io/zone) whose nodes all become unreachable, once the plan is placed. */
  failZones?: string[];
  /** How many more replicas of this workload fit: `[namespace/]kind/name` (kind: deploy, sts, rs, job or full). */
  headroom?: string;
  /** Old manifests (files, folders, globs): the result has `changes` and rollout steps. */
  from?: string[];
  /** Old manifests = the same inputs at this git revision (needs a git repository at `cwd`). */
  base?: string;
}

export interface PlanRunResult extends LintResult {
  /** Which command's findings these are: `plan` keeps only input/yaml/config lint findings, `check` keeps all. */
  kind: 'plan' | 'check';
  plan: PlanResult;
  /** Present when `from` or `base` was given. */
  changes?: ChangesResult;
}

/** What `kubeplan check` reports: every lint finding, the plan's findings, and with from/base the changes. */
export type CheckResult = PlanRunResult;

/**
 * Plans manifests: either inputs (files, folders, globs, `-`), whose findings are those that stop them being read
 * (input/, yaml/, config/) plus the planner's, or already-loaded manifests.
 */
export function plan(inputs: string[] | Manifest[], options: PlanApiOptions = {}): PlanRunResult {
  if (inputs.length > 0 && typeof inputs[0] !== 'string') return planManifests(inputs as Manifest[], options);
  return run(inputs as string[], options, false);
}

/** Lint + plan (+ changes with `from`/`base`): exactly what `kubeplan check` prints. */
export function check(inputs: string[], options: PlanApiOptions = {}): CheckResult {
  return run(inputs, options, true);
}

/** plan, with many input files read by `options.jobs` threads (as lintParallel): the same result. */
export async function planParallel(inputs: string[], options: PlanApiOptions = {}): Promise<PlanRunResult> {
  return run(inputs, options, false, await loadInParallel(inputs, options));
}

/** check, with many input files read by `options.jobs` threads (as lintParallel): the same result. */
export async function checkParallel(inputs: string[], options: PlanApiOptions = {}): Promise<CheckResult> {
  return run(inputs, options, true, await loadInParallel(inputs, options));
}

function planManifests(manifests: Manifest[], given: PlanApiOptions): PlanRunResult {
  const { options } = resolveOptions(given);
  const cluster = loadCluster(options);
  const planned = planOrUsageError(manifests, plannerOptions(options, cluster));
  const files = [...new Set(manifests.map((m) => m.file))];
  const findings = sortFindings([
    ...(cluster?.findings ?? []),
    ...applySeverities(applySuppressions(planned.findings, new Map(), manifests), options.severities),
  ]);
  return { kind: 'plan', findings, manifests, files, sources: new Map(cluster?.sources ?? []), plan: planned };
}

/** `loaded`: the inputs and context already read (planParallel, checkParallel). */
function run(inputs: string[], given: PlanApiOptions, withLint: boolean, loaded?: LoadResult): PlanRunResult {
  return withConfigFile(runWith(inputs, given, withLint, loaded), given);
}

function runWith(inputs: string[], given: PlanApiOptions, withLint: boolean, loaded?: LoadResult): PlanRunResult {
  const { options, configFindings } = resolveOptions(given);
  // `plan` needs the objects and the suppressions, not the lint: schemas and rules run only for `check`.
  const { result: linted, suppressions } = lintWith(inputs, options, true, withLint, loaded);
  const all = sortFindings([...configFindings, ...linted.findings]);
  // `plan` reports what stops it from reading the inputs; `check` reports every lint finding.
  const lintFindings = withLint ? all : all.filter((f) => /^(input|yaml|config)\//.test(f.ruleId));
  const cluster = loadCluster(options);
  const planned = planOrUsageError(linted.manifests, plannerOptions(options, cluster));

  let changes: ChangesResult | undefined;
  let oldLoad: LoadResult | undefined;
  if (options.from || options.base) {
    if (options.from && options.base) throw new OptionsError('`from` and `base` cannot be used together');
    const cwd = options.cwd ?? '.';
    oldLoad = options.from
      ? loadInputs(options.from, { cwd, ...(options.limits ? { limits: options.limits } : {}) })
      : loadRevisionInputs(
          [...inputs, ...(options.context ?? [])].filter((i) => i !== '-'),
          options.base!,
          cwd,
          options.limits ? { limits: options.limits } : {},
        );
    // A revision git cannot resolve (or no repository at all) is the caller's mistake, not a finding about manifests.
    const gitProblem = oldLoad.findings.find(
      (f) => f.ruleId === 'git/bad-revision' || f.ruleId === 'git/not-a-repository',
    );
    if (gitProblem) throw new OptionsError(`--base ${options.base}: ${gitProblem.message}`);
    const common = {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.scoreAllNodes ? { scoreAllNodes: true } : {}),
      ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
      ...(options.kubeVersion !== undefined ? { kubeVersion: options.kubeVersion } : {}),
    };
    // Unchanged workloads keep their planned pods in the rollout cluster; only the others are simulated.
    const simulated = rolloutWorkloads(oldLoad.manifests, linted.manifests, options.defaultNamespace || 'default');
    changes = diffManifests(oldLoad.manifests, linted.manifests, {
      ...common,
      cluster: rolloutCluster(oldLoad.manifests, { ...clusterOption(cluster), ...common, simulated }),
      ...(cluster ? { snapshot: cluster.manifests } : {}),
    });
  }

  const sources = new Map([...(oldLoad?.sources ?? []), ...(cluster?.sources ?? []), ...linted.sources]);
  const { findings } = withoutContext(
    sortFindings([
      ...lintFindings,
      ...(cluster?.findings ?? []),
      ...(oldLoad?.findings.filter((f) => /^(input|yaml|git)\//.test(f.ruleId)) ?? []),
      ...applySeverities(suppressions.apply([...planned.findings, ...(changes?.findings ?? [])]), options.severities),
      // Only now has every pass (lint, plan, changes) had its chance to use each suppression.
      ...(withLint && options.reportUnusedDisableDirectives
        ? applySeverities(
            suppressions.apply(suppressions.report({ knownIds: knownIds(), unknown: false, unused: true })),
            options.severities,
          )
        : []),
    ]),
    linted.contextFiles ?? [],
  );
  return {
    kind: withLint ? 'check' : 'plan',
    findings,
    manifests: linted.manifests,
    files: linted.files,
    sources,
    plan: planned,
    ...(changes ? { changes } : {}),
  };
}

type LoadedCluster = { manifests: Manifest[]; source: string; findings: Finding[]; sources: Map<string, string> };

function loadCluster(options: PlanApiOptions): LoadedCluster | undefined {
  const given = options.cluster;
  if (given === undefined) return undefined;
  if (typeof given !== 'string') return { ...given, findings: [], sources: new Map() };
  const loaded = loadInputs([given], {
    cwd: options.cwd ?? '.',
    ...(options.limits ? { limits: options.limits } : {}),
  });
  // Planning on "no nodes" would report every pod unschedulable: a missing cluster file is the caller's mistake.
  const missing = loaded.findings.find((f) => f.ruleId === 'input/not-found' || f.ruleId === 'input/no-match');
  if (missing) throw new OptionsError(`cluster file: ${missing.message}`);
  return { manifests: loaded.manifests, source: given, findings: loaded.findings, sources: loaded.sources };
}

function clusterOption(cluster: LoadedCluster | undefined): Pick<PlanOptions, 'cluster'> {
  return cluster ? { cluster: { manifests: cluster.manifests, source: cluster.source } } : {};
}

/** A what-if option naming a node, zone or workload the plan does not have is the caller's mistake (exit 2). */
function planOrUsageError(manifests: Manifest[], options: PlanOptions): PlanResult {
  try {
    return runPlanner(manifests, options);
  } catch (error) {
    if (error instanceof PlanOptionError) throw new OptionsError(error.message);
    throw error;
  }
}

const HEADROOM_KINDS: Record<string, string> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  job: 'Job',
  jobs: 'Job',
};

/** `[namespace/]kind/name` as kubectl names a workload; the namespace defaults to the plan's. */
function headroomTarget(text: string, defaultNamespace: string): NonNullable<WhatIfRequest['headroom']> {
  const parts = text.split('/');
  const [namespace, kind, name] = parts.length === 3 ? parts : [defaultNamespace, ...parts];
  const resolved = kind !== undefined ? HEADROOM_KINDS[kind.toLowerCase()] : undefined;
  if (parts.length < 2 || parts.length > 3 || !name || !namespace || !resolved)
    throw new OptionsError(
      `--headroom ${text}: expected [namespace/]kind/name with kind deploy, sts, rs or job (e.g. deploy/web, shop/sts/db)`,
    );
  return { kind: resolved, namespace, name };
}

function whatIfOption(options: PlanApiOptions): Pick<PlanOptions, 'whatIf'> {
  if (!options.drain?.length && !options.failZones?.length && options.headroom === undefined) return {};
  return {
    whatIf: {
      drain: [...(options.drain ?? [])],
      failZones: [...(options.failZones ?? [])],
      ...(options.headroom !== undefined
        ? { headroom: headroomTarget(options.headroom, options.defaultNamespace || 'default') }
        : {}),
    },
  };
}

function plannerOptions(options: PlanApiOptions, cluster: LoadedCluster | undefined): PlanOptions {
  return {
    ...whatIfOption(options),
    ...clusterOption(cluster),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
    ...(options.scoreAllNodes ? { scoreAllNodes: true } : {}),
    ...(options.maxPods !== undefined ? { maxPods: options.maxPods } : {}),
    ...(options.maxSchedulingWork !== undefined ? { maxSchedulingWork: options.maxSchedulingWork } : {}),
    ...(options.kubeVersion !== undefined ? { kubeVersion: options.kubeVersion } : {}),
  };
}
