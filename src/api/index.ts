/**
 * kubeplan as a library: the same pipeline the CLI, the GitHub Action and the language server run.
 * Nothing here prints, exits or reads process globals: the working directory and config come in as options.
 */
export {
  lint,
  lintParallel,
  lintText,
  checkLoaded,
  loadForLint,
  DEFAULT_KUBE_VERSION,
  SUPPORTED_KUBE_VERSIONS,
  type LintOptions,
  type LintResult,
} from '../lint.js';
export {
  plan,
  check,
  planParallel,
  checkParallel,
  type PlanApiOptions,
  type PlanRunResult,
  type CheckResult,
} from './check.js';
export { planChanges, type ChangesResult, type PlanChangesOptions } from '../rollout/index.js';
export {
  loadConfigFor,
  resolveOptions,
  knownIds,
  type LoadConfigForOptions,
  type KubeplanConfig,
  type LoadConfigResult,
} from './config.js';
export { OptionsError } from './errors.js';
export { version } from './version.js';
export { closest, didYouMean } from '../core/did-you-mean.js';
export {
  RENDERERS,
  FORMATS,
  render,
  renderText,
  renderJson,
  renderSarif,
  renderGithub,
  renderMarkdown,
  renderJunit,
  renderHtml,
  renderPlanHtml,
  type HtmlOptions,
  isPlanReport,
  type Format,
  type Renderer,
  type RenderOptions,
  type Report,
} from '../output/index.js';
export type { PlanResult } from '../plan/index.js';
