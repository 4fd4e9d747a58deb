/**
 * The GitHub Action: one run of the library API gives the annotations, the SARIF file, the job summary and the
 * outputs. Everything it needs comes in through `env` (INPUT_*, GITHUB_*), so tests run it as the runner does.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, plan, type PlanApiOptions } from '../api/check.js';
import { loadConfigFor } from '../api/config.js';
import { OptionsError } from '../api/errors.js';
import { configProblem } from '../config/index.js';
import { version } from '../api/version.js';
import { countFindings } from '../core/findings.js';
import { lintParallel } from '../lint.js';
import { escapeData } from '../output/github.js';
import { markdownReport } from '../output/markdown.js';
import { isPlanReport, type Report } from '../output/report.js';
import { renderSarif } from '../output/sarif.js';
import { renderText } from '../output/text.js';
import { annotationCommand, MAX_ANNOTATIONS, selectAnnotations } from './annotations.js';
import { runContext } from './event.js';
import { outsideWorkspace, readInputs, type ActionInputs } from './inputs.js';

export interface ActionIO {
  stdout: (text: string) => void;
  cwd: string;
}

export async function runAction(env: Record<string, string | undefined>, io: ActionIO): Promise<number> {
  const read = readInputs(env);
  if ('error' in read) {
    io.stdout(`::error title=kubeplan::${escapeData(read.error)}\n`);
    return 2;
  }
  const inputs = read.inputs;
  const workspace = path.resolve(io.cwd, env.GITHUB_WORKSPACE ?? '.');
  const outside = [
    ...inputs.paths.map((p) => outsideWorkspace('paths', p, workspace)),
    ...(['cluster', 'config', 'sarifFile'] as const).map((key) => {
      const value = inputs[key];
      return value ? outsideWorkspace(key === 'sarifFile' ? 'sarif-file' : key, value, workspace) : undefined;
    }),
  ].find((problem) => problem !== undefined);
  if (outside) {
    io.stdout(`::error title=kubeplan::${escapeData(outside)}\n`);
    return 2;
  }
  const context = runContext(env, workspace);
  if (context.problem) io.stdout(`::warning title=kubeplan::${escapeData(context.problem)}\n`);

  let report: Report;
  const notes: string[] = [];
  try {
    report = await runApi(inputs, workspace, inputs.base ?? (context.changed ? context.baseSha : undefined));
  } catch (err) {
    if (!(err instanceof OptionsError)) throw err;
    io.stdout(`::error title=kubeplan::${escapeData(err.message)}\n`);
    return 2;
  }

  const counts = countFindings(report.findings);
  const unschedulable = isPlanReport(report) ? report.plan.summary.unschedulable : 0;

  // The job log has everything, in the terminal report's words. The report quotes the pull request (file names,
  // namespaces, source lines), so the runner must not read any of it as a workflow command (`::error …`, `##[…]`):
  // command processing stops for the report and resumes only with a token the pull request cannot know.
  const token = randomBytes(16).toString('hex');
  const text = renderText(report);
  io.stdout('::group::kubeplan report\n');
  io.stdout(`::stop-commands::${token}\n`);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  io.stdout(`::${token}::\n`);
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

async function runApi(inputs: ActionInputs, workspace: string, base: string | undefined): Promise<Report> {
  const config = loadConfigFor(workspace, { cwd: workspace, ...(inputs.config ? { configPath: inputs.config } : {}) });
  const problem = configProblem(config);
  if (problem) throw new OptionsError(problem);
  const options: PlanApiOptions = {
    cwd: workspace,
    config,
    ...(inputs.kubeVersion ? { kubeVersion: inputs.kubeVersion } : {}),
    ...(inputs.cluster ? { cluster: inputs.cluster } : {}),
  };
  // Runners have several cores: many files are read by worker threads (the same report as one thread).
  if (inputs.command === 'lint') return lintParallel(inputs.paths, options);
  const run = inputs.command === 'plan' ? plan : check;
  return run(inputs.paths, { ...options, ...(base ? { base } : {}) });
}
