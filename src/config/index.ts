/**
 * The configuration file, `.kubeplan.yaml` (or `.kubeplan.yml`): found by walking up from cwd, or
 * given with `--config FILE`. Every problem becomes a finding in the config file (`config/invalid`,
 * `config/not-found`) instead of an exception; the valid parts still apply.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import type { Finding, Severity, SourceRange } from '../core/types.js';
import { display } from '../load/inputs.js';
import { readRegularFile } from '../core/safe-read.js';
import { DocumentSourceMap } from '../load/source-map.js';
import { ruleIds } from '../rules/registry.js';
import { isObj } from '../core/values.js';
import { findConfigFile, findRepositoryRoot } from './find.js';
import { compileGlob } from './globs.js';
import { CONFIG_INVALID, validateConfig } from './validate.js';

export { CONFIG_NAMES, findConfigFile, findRepositoryRoot } from './find.js';
export { compileGlob, createPathFilter, GLOB_OPTIONS, MAX_GLOB_EXPANSIONS, MAX_GLOB_LENGTH } from './globs.js';
export { CONFIG_INVALID, CONFIG_SCHEMA } from './validate.js';

export const CONFIG_NOT_FOUND = 'config/not-found';
/** Config files are a few lines; anything larger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

export type RuleSetting = Severity | 'off';

export interface KubeplanConfig {
  /** Severity per rule id. */
  rules: Record<string, RuleSetting>;
  /** Globs relative to `baseDir`; see createPathFilter. */
  include: string[];
  exclude: string[];
  /** "1.34" (a leading "v" and a patch version are dropped). */
  kubeVersion?: string;
  namespace?: string;
  /** Absolute paths (relative ones are resolved against `baseDir`). */
  schemaDirs: string[];
  requireRefs?: boolean;
  strict?: boolean;
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE` (relative to cwd). */
  configPath?: string;
  /** `configPath` was found by the upward search (repository content), not named by the user: see loadConfig. */
  discovered?: boolean;
  /** Ids accepted under `rules:` (default: every registered rule and built-in check). */
  knownRuleIds?: readonly string[];
}

export interface LoadConfigResult {
  config: KubeplanConfig;
  findings: Finding[];
  /** Display path of the config file used (relative to cwd when inside it), if any. */
  file?: string;
  /** Folder that relative paths and globs in the config are relative to (cwd when there is no file). */
  baseDir: string;
}

/** Every id a severity can be set for: the rules under rules/ and the built-in checks (yaml/…, schema/…, …). */
export function knownCheckIds(): string[] {
  return [...ruleIds, ...BUILTIN_CHECKS.map((c) => c.id)];
}

export function emptyConfig(): KubeplanConfig {
  return { rules: {}, include: [], exclude: [], schemaDirs: [] };
}

export function loadConfig(options: LoadConfigOptions): LoadConfigResult {
  const cwd = path.resolve(options.cwd);
  let absolute: string | undefined;
  if (options.configPath !== undefined) {
    absolute = path.resolve(cwd, options.configPath);
    if (!options.discovered && !isFile(absolute)) {
      return {
        config: emptyConfig(),
        baseDir: cwd,
        findings: [fileFinding(CONFIG_NOT_FOUND, options.configPath, `config file not found: ${options.configPath}`)],
      };
    }
  } else {
    absolute = findConfigFile(cwd);
    if (!absolute) return { config: emptyConfig(), findings: [], baseDir: cwd };
  }
  const file = display(absolute, cwd);
  const baseDir = path.dirname(absolute);
  // The config is repository content: a symlink out of the repository (or of its own folder outside one) is not
  // followed, only a regular file is read, and at most MAX_CONFIG_BYTES of it.
  const root = findRepositoryRoot(baseDir) ?? baseDir;
  const read = readRegularFile(absolute, {
    maxBytes: MAX_CONFIG_BYTES,
    ...(options.configPath === undefined || options.discovered ? { root, rootName: 'the repository' } : {}),
  });
  if (!read.ok) {
    const message =
      read.reason === 'too-large'
        ? `config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB; not read`
        : read.reason === 'not-found'
          ? `config file not found: ${file}`
          : `config file not read: ${read.message}`;
    return {
      config: emptyConfig(),
      file,
      baseDir,
      findings: [fileFinding(read.reason === 'not-found' ? CONFIG_NOT_FOUND : CONFIG_INVALID, file, message)],
    };
  }
  const text = read.bytes.toString('utf8');
  return {
    ...parseConfigText(text, file, {
      baseDir,
      repositoryRoot: root,
      knownRuleIds: options.knownRuleIds ?? knownCheckIds(),
    }),
    file,
    baseDir,
  };
}

/** Parses and validates config text (exposed for tests and editors). */
export function parseConfigText(
  text: string,
  file: string,
  options: {
    baseDir: string;
    knownRuleIds?: readonly string[];
    /** schemaDirs must stay inside this folder (the repository holding the config); default: no check. */
    repositoryRoot?: string;
  },
): { config: KubeplanConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (range: SourceRange, message: string) =>
    findings.push({ ruleId: CONFIG_INVALID, severity: 'error', message, file, ...range });
  const lines = new LineCounter();
  // YAML 1.2 on purpose: in YAML 1.1 the severity `off` would be read as the boolean false.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const map = new DocumentSourceMap(doc, lines, text);
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 10))
      at(map.toRange(error.pos[0], error.pos[1]), `YAML syntax error: ${error.message.split('\n')[0]}`);
    return { config: emptyConfig(), findings };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    at(map.documentRange(), `cannot read config file: ${err instanceof Error ? err.message : String(err)}`);
    return { config: emptyConfig(), findings };
  }
  if (value === null || value === undefined) return { config: emptyConfig(), findings }; // an empty file is fine
  if (!isObj(value) || !isMap(doc.contents)) {
    at(map.documentRange(), 'the configuration must be a mapping (rules:, include:, exclude:, …)');
    return { config: emptyConfig(), findings };
  }
  const known = options.knownRuleIds ?? knownCheckIds();
  const problems = validateConfig(value, known, {
    baseDir: options.baseDir,
    ...(options.repositoryRoot !== undefined ? { repositoryRoot: options.repositoryRoot } : {}),
  });
  for (const problem of problems) at(map.locate(problem.path, problem.target), problem.message);
  // An invalid config is not applied at all (the CLI and the Action stop with exit 2): applying "the valid parts"
  // let a config with 2,000 patterns past its own limits run for minutes, and hides what the author meant.
  if (problems.length > 0) return { config: emptyConfig(), findings };
  return { config: sanitize(value, options.baseDir, new Set(known)), findings };
}

const SEVERITIES = new Set<string>(['off', 'info', 'warning', 'error']);

/** Keeps the valid parts of a config (the invalid ones are findings already). */
function sanitize(value: Record<string, unknown>, baseDir: string, known: ReadonlySet<string>): KubeplanConfig {
  const config = emptyConfig();
  if (isObj(value.rules)) {
    for (const [id, setting] of Object.entries(value.rules)) {
      if (known.has(id) && typeof setting === 'string' && SEVERITIES.has(setting))
        config.rules[id] = setting as RuleSetting;
    }
  }
  const globs = (v: unknown) =>
    Array.isArray(v)
      ? v.filter((p): p is string => typeof p === 'string' && p !== '' && 'matcher' in compileGlob(p))
      : [];
  config.include = globs(value.include);
  config.exclude = globs(value.exclude);
  const version =
    typeof value.kubeVersion === 'string' ? /^v?(1\.\d{1,3})(?:\.\d{1,3})?$/.exec(value.kubeVersion) : null;
  if (version) config.kubeVersion = version[1]!;
  if (
    typeof value.namespace === 'string' &&
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value.namespace) &&
    value.namespace.length <= 63
  )
    config.namespace = value.namespace;
  if (Array.isArray(value.schemaDirs)) {
    config.schemaDirs = value.schemaDirs
      .filter((d): d is string => typeof d === 'string' && d !== '')
      .map((d) => path.resolve(baseDir, d));
  }
  if (typeof value.requireRefs === 'boolean') config.requireRefs = value.requireRefs;
  if (typeof value.strict === 'boolean') config.strict = value.strict;
  return config;
}

/**
 * Why a loaded config cannot be used (its error findings as `file:line:col message` lines, at most 20), or undefined
 * when it is fine. The CLI and the Action stop with exit 2 on it; the library returns the findings instead.
 */
export function configProblem(loaded: LoadConfigResult): string | undefined {
  const errors = loaded.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return undefined;
  const lines = errors.slice(0, 20).map((f) => `  ${f.file}:${f.line}:${f.column} ${f.message} (${f.ruleId})`);
  if (errors.length > 20) lines.push(`  … and ${errors.length - 20} more`);
  return `config file ${loaded.file ?? ''} is invalid and was not applied:\n${lines.join('\n')}`;
}

function fileFinding(ruleId: string, file: string, message: string): Finding {
  return { ruleId, severity: 'error', message, file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
