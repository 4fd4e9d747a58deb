/**
 * The GitHub Action: one run of the library API gives the annotations, the SARIF file, the job summary and the
 * outputs. Everything it needs comes in through `env` (INPUT_*, GITHUB_*), so tests run it as the runner does.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, plan, type PlanApiOptions } from '../api/check.js';
import { loadConfigFor } from '../api/config.js';
import { OptionsError } from '../api/errors.js';
import { version } from '../api/version.js';
import { countFindings } from '../core/findings.js';
import { lint } from '../lint.js';
import { markdownReport } from '../output/markdown.js';
import { isPlanReport, type Report } from '../output/report.js';
import { renderSarif } from '../output/sarif.js';
import { renderText } from '../output/text.js';
import { annotationCommand, MAX_ANNOTATIONS, selectAnnotations } from './annotations.js';
import { runContext } from './event.js';
import { readInputs, type ActionInputs } from './inputs.js';

export interface ActionIO {
  stdout: (text: string) => void;
  cwd: string;
}

export function runAction(env: Record<string, string | undefined>, io: ActionIO): number {
  const read = readInputs(env);
  if ('error' in read) {
    io.stdout(`::error title=kubeplan::${read.error}\n`);
    return 2;
  }
  const inputs = read.inputs;
  const workspace = path.resolve(io.cwd, env.GITHUB_WORKSPACE ?? '.');
  const context = runContext(env, workspace);
  if (context.problem) io.stdout(`::warning title=kubeplan::${context.problem}\n`);

  let report: Report;
  const notes: string[] = [];
  try {
    report = runApi(inputs, workspace, inputs.base ?? (context.changed ? context.baseSha : undefined));
  } catch (err) {
    if (!(err instanceof OptionsError)) throw err;
    io.stdout(`::error title=kubeplan::${err.message.replace(/\r?\n/g, ' ')}\n`);
    return 2;
  }

  const counts = countFindings(report.findings);
  const unschedulable = isPlanReport(report) ? report.plan.summary.unschedulable : 0;

  // The job log has everything, in the terminal report's words.
  io.stdout('::group::kubeplan report\n');
  io.stdout(renderText(report));
  io.stdout('::endgroup::\n');

  if (inputs.annotations) {
    const chosen = selectAnnotations(report.findings, {
      ...(context.changed ? { changed: context.changed } : {}),
      onlyChanged: inputs.onlyChanged,
    });
    for (const f of chosen.shown) io.stdout(annotationCommand(f) + '\n');
    if (chosen.notShown > 0) {
      const note = `${chosen.notShown} of ${report.findings.length} findings are not shown as annotations (GitHub shows ${MAX_ANNOTATIONS.error} errors and ${MAX_ANNOTATIONS.warning} warnings per step${inputs.onlyChanged ? '; only files the pull request changes are annotated' : ''}; info is not annotated): they are in the job log${inputs.sarifFile ? ' and the SARIF file' : ''}.`;
      io.stdout(`${note}\n`);
      notes.push(note);
    }
  }

  let sarifPath = '';
  if (inputs.sarifFile) {
    sarifPath = path.resolve(workspace, inputs.sarifFile);
    mkdirSync(path.dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, renderSarif(report, { toolVersion: version() }));
  }

  if (inputs.summary && env.GITHUB_STEP_SUMMARY) {
    const title = `kubeplan ${inputs.command}`;
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      markdownReport(report, { title, notes, ...(context.linkBase ? { linkBase: context.linkBase } : {}) }),
    );
  }

  if (env.GITHUB_OUTPUT) {
    const outputs: Record<string, string> = {
      errors: String(counts.error),
      warnings: String(counts.warning),
      unschedulable: String(unschedulable),
      'sarif-file': inputs.sarifFile ? path.relative(workspace, sarifPath) : '',
    };
    // name=value lines; no value can hold a newline (counts, and a path with newlines flattened).
    appendFileSync(
      env.GITHUB_OUTPUT,
      Object.entries(outputs)
        .map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, ' ')}\n`)
        .join(''),
    );
  }

  if (inputs.failOn === 'never') return 0;
  if (counts.error > 0) return 1;
  if (inputs.failOn === 'warning' && counts.warning > 0) return 1;
  return 0;
}

function runApi(inputs: ActionInputs, workspace: string, base: string | undefined): Report {
  const options: PlanApiOptions = {
    cwd: workspace,
    config: loadConfigFor(workspace, { cwd: workspace, ...(inputs.config ? { configPath: inputs.config } : {}) }),
    ...(inputs.kubeVersion ? { kubeVersion: inputs.kubeVersion } : {}),
    ...(inputs.cluster ? { cluster: inputs.cluster } : {}),
  };
  if (inputs.command === 'lint') return lint(inputs.paths, options);
  const run = inputs.command === 'plan' ? plan : check;
  return run(inputs.paths, { ...options, ...(base ? { base } : {}) });
}
