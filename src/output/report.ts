/** What a renderer draws: a lint result, or a plan/check result (which carries the plan and maybe changes). */
import type { PlanRunResult } from '../api/check.js';
import type { LintResult } from '../lint.js';

export type Report = LintResult | PlanRunResult;

export interface RenderOptions {
  /** ANSI colour in text output (default off). */
  color?: boolean;
  /** The version SARIF's tool block names (default: this package's version). */
  toolVersion?: string;
  /** Text output: list the documents a walk skipped, not only their count (`--verbose`). */
  verbose?: boolean;
}

/** A renderer turns one report into the whole output text. Adding a format = one file + one entry in RENDERERS. */
export type Renderer = (report: Report, options?: RenderOptions) => string;

export function isPlanReport(report: Report): report is PlanRunResult {
  return 'plan' in report;
}

/** Files and objects read, and documents skipped as not Kubernetes objects, for summaries. */
export function counts(report: Report): { files: number; objects: number; skipped?: number } {
  const skipped = 'skipped' in report ? report.skipped?.length : undefined;
  return { files: report.files.length, objects: report.manifests.length, ...(skipped ? { skipped } : {}) };
}
