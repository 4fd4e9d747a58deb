/**
 * Renderers: pure functions from a lint or plan/check result to the text kubeplan prints. The CLI picks one by
 * `--format`; the Action, editors and library users call them directly.
 *
 * Adding a format (markdown, junit, …): write src/output/<format>.ts exporting a `Renderer`, add one entry below.
 */
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson, renderJsonChunks } from './json.js';
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

/**
 * The output in pieces of about 64 KB, for writing as it is produced: JSON is never held as one string (a plan can
 * be larger than a JavaScript string may be); the other formats are bounded and come as one piece.
 */
export function* renderChunks(
  format: Format,
  report: Parameters<Renderer>[0],
  options?: Parameters<Renderer>[1],
): Generator<string> {
  if (format !== 'json') {
    yield render(format, report, options);
    return;
  }
  let pending = '';
  for (const piece of renderJsonChunks(report)) {
    pending += piece;
    if (pending.length >= 65536) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

export { boundReport, elide, MAX_PROSE_CHARS, MAX_VALUE_CHARS } from './bound.js';
export { renderPlanHtml, type HtmlOptions } from './html.js';
export { renderGithub, renderHtml, renderJson, renderJsonChunks, renderJunit, renderMarkdown, renderSarif, renderText };
export { isPlanReport, type Renderer, type RenderOptions, type Report } from './report.js';
