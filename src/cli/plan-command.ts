/**
 * `kubeplan plan` and `kubeplan check`: load (and for check, lint) the manifests, plan them on the cluster
 * model, and with --from/--base compare against the old manifests for changes and rollout steps.
 */
import { applySeverities, sortFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { loadRevisionInputs } from '../git/index.js';
import type { LintResult } from '../lint.js';
import { loadInputs, type LoadResult } from '../load/index.js';
import { findingsToJson } from '../output/json.js';
import { formatText } from '../output/text.js';
import { plan, planToJson, renderPlanText, type PlanResult } from '../plan/index.js';
import { planChanges, renderChangesText, rolloutCluster, type ChangesResult } from '../rollout/index.js';
import { applySuppressions } from '../rules/suppress.js';
import type { CliOptions } from './args.js';
import {
  exitCodeFor,
  lintWithConfig,
  printFindings,
  UsageError,
  useColor,
  visibleFindings,
  type CliIO,
} from './shared.js';

export function runPlan(options: CliOptions, io: CliIO, withLint: boolean): number {
  const linted = lintWithConfig(options, io);
  // `plan` reports what stops it from reading the inputs; `check` reports every lint finding.
  const lintFindings = withLint
    ? linted.findings
    : linted.findings.filter((f) => /^(input|yaml|config)\//.test(f.ruleId));

  const cluster = options.cluster ? loadCluster(options.cluster, io.cwd, options) : undefined;
  const defaultNamespace = options.namespace;
  const planned = plan(linted.manifests, {
    ...(cluster ? { cluster: { manifests: cluster.manifests, source: options.cluster! } } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(defaultNamespace ? { defaultNamespace } : {}),
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
  });

  let changes: ChangesResult | undefined;
  let oldLoad: LoadResult | undefined;
  if (options.from || options.base) {
    oldLoad = options.from
      ? loadInputs(options.from, { cwd: io.cwd, limits: options.limits })
      : loadRevisionInputs(
          options.inputs.filter((i) => i !== '-'),
          options.base!,
          io.cwd,
          { limits: options.limits },
        );
    // A revision git cannot resolve (or no repository at all) is a usage problem, not a finding about manifests.
    const gitProblem = oldLoad.findings.find(
      (f) => f.ruleId === 'git/bad-revision' || f.ruleId === 'git/not-a-repository',
    );
    if (gitProblem) throw new UsageError(`--base ${options.base}: ${gitProblem.message}`);
    const clusterOption = cluster ? { cluster: { manifests: cluster.manifests, source: options.cluster! } } : {};
    const common = {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(defaultNamespace ? { defaultNamespace } : {}),
    };
    changes = planChanges(oldLoad.manifests, linted.manifests, {
      ...common,
      cluster: rolloutCluster(oldLoad.manifests, { ...clusterOption, ...common }),
    });
  }

  const sources = new Map([...(oldLoad?.sources ?? []), ...(cluster?.sources ?? []), ...linted.sources]);
  const extra: Finding[] = [
    ...(cluster?.findings ?? []),
    ...(oldLoad?.findings.filter((f) => /^(input|yaml|git)\//.test(f.ruleId)) ?? []),
    ...applySeverities(
      applySuppressions([...planned.findings, ...(changes?.findings ?? [])], linted.sources, linted.manifests),
      linted.options.severities,
    ),
  ];
  const findings = sortFindings([...lintFindings, ...extra]);
  const result: LintResult = { ...linted, findings, sources };

  if (options.format === 'json') {
    io.stdout(JSON.stringify(planJson(planned, changes, visibleFindings(findings, options), result), null, 2) + '\n');
  } else if (options.format === 'text') {
    const color = useColor(options, io);
    io.stdout(renderPlanText(planned, { color }));
    if (changes) io.stdout('\n' + renderChangesText(changes));
    io.stdout(
      '\n' +
        formatText(
          visibleFindings(findings, options),
          { files: result.files.length, objects: result.manifests.length },
          { color, sources },
        ),
    );
  } else {
    printFindings(visibleFindings(findings, options), result, options, io);
  }
  return exitCodeFor(findings, options);
}

function loadCluster(file: string, cwd: string, options: CliOptions): LoadResult {
  return loadInputs([file], { cwd, limits: options.limits });
}

function planJson(planned: PlanResult, changes: ChangesResult | undefined, findings: Finding[], result: LintResult) {
  const lintJson = findingsToJson(findings, { files: result.files.length, objects: result.manifests.length });
  return {
    ...(planToJson(planned) as Record<string, unknown>),
    ...(changes ? { changes: changes.changes, rollouts: changes.rollouts } : {}),
    findings: lintJson.findings,
    findingsSummary: lintJson.summary,
  };
}
