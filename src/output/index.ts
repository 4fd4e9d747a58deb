/**
 * Renderers: pure functions from a lint or plan/check result to the text kubeplan prints. The CLI picks one by
 * `--format`; the Action, editors and library users call them directly.
 *
 * Adding a format (markdown, junit, …): write src/output/<format>.ts exporting a `Renderer`, add one entry below.
 */
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { Renderer } from './report.js';

export const RENDERERS = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  markdown: renderMarkdown,
  junit: renderJunit,
  html: renderHtml,
} satisfies Record<string, Renderer>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

export function render(format: Format, report: Parameters<Renderer>[0], options?: Parameters<Renderer>[1]): string {
  return RENDERERS[format](report, options);
}

export { renderPlanHtml, type HtmlOptions } from './html.js';
export { renderGithub, renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif, renderText };
export { isPlanReport, type Renderer, type RenderOptions, type Report } from './report.js';
