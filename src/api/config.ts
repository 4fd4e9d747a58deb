/**
 * The configuration the CLI would use, for API callers: `.kubeplan.yaml` found upwards from a file or folder
 * (or a named file), and how it combines with explicit options (explicit options win).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import type { Finding } from '../core/types.js';
import { emptyConfig, findConfigFile, loadConfig, type LoadConfigResult } from '../config/index.js';
import type { LintOptions } from '../lint.js';
import { allRules } from '../rules/registry.js';
import { DEFAULT_KUBE_VERSION } from '../schema/index.js';
import { OptionsError } from './errors.js';
import { didYouMean } from '../core/did-you-mean.js';

export type { KubeplanConfig, LoadConfigResult } from '../config/index.js';

export interface LoadConfigForOptions {
  /** Display paths of the config file (in findings) are relative to this folder; default: the searched folder. */
  cwd?: string;
  /** An explicit config file (relative to `cwd`), like `--config FILE`; no upward search then. */
  configPath?: string;
}

/**
 * The config that applies to `target` (a file or a folder): the nearest `.kubeplan.yaml` / `.kubeplan.yml` in the
 * folder or above it. Problems in the config are findings in the result, never exceptions.
 */
export function loadConfigFor(target: string, options: LoadConfigForOptions = {}): LoadConfigResult {
  const absolute = path.resolve(options.cwd ?? '.', target);
  const dir = isDirectory(absolute) ? absolute : path.dirname(absolute);
  const cwd = options.cwd !== undefined ? path.resolve(options.cwd) : dir;
  if (options.configPath !== undefined) return loadConfig({ cwd, configPath: options.configPath });
  const found = findConfigFile(dir);
  if (!found) return { config: emptyConfig(), findings: [], baseDir: cwd };
  return loadConfig({ cwd, configPath: found, discovered: true });
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every id a severity can be set for. */
export function knownIds(): string[] {
  return [...allRules.map((r) => r.id), ...BUILTIN_CHECKS.map((c) => c.id)];
}

/**
 * Explicit options over the config over defaults. Returns options without `config` (so applying twice is a no-op)
 * and the config's own findings. Throws OptionsError for an unknown rule id in `severities` or a Kubernetes
 * version newer than supported (caller mistakes, not manifest problems).
 */
export function resolveOptions<T extends LintOptions>(
  options: T,
): { options: Omit<T, 'config'>; configFindings: Finding[] } {
  const { config: loaded, ...rest } = options;
  validateOptions(rest);
  if (!loaded) return { options: rest, configFindings: [] };
  const config = loaded.config;
  const explicitGlobs = (rest.include?.length ?? 0) + (rest.exclude?.length ?? 0) > 0;
  const kubeVersion = rest.kubeVersion ?? config.kubeVersion;
  const defaultNamespace = rest.defaultNamespace ?? config.namespace;
  const strict = rest.strict ?? config.strict;
  const requireRefs = rest.requireRefs ?? config.requireRefs;
  const merged = {
    ...rest,
    ...(kubeVersion !== undefined ? { kubeVersion } : {}),
    ...(defaultNamespace !== undefined ? { defaultNamespace } : {}),
    ...(strict !== undefined ? { strict } : {}),
    ...(requireRefs !== undefined ? { requireRefs } : {}),
    schemaDirs: [...config.schemaDirs, ...(rest.schemaDirs ?? [])],
    severities: { ...config.rules, ...(rest.severities ?? {}) },
    // Globs given explicitly are relative to the working directory, those from the config to its folder.
    ...(explicitGlobs ? {} : { include: config.include, exclude: config.exclude, globBase: loaded.baseDir }),
  };
  checkKubeVersion(merged.kubeVersion);
  return { options: merged, configFindings: loaded.findings };
}

function validateOptions(options: LintOptions): void {
  checkKubeVersion(options.kubeVersion);
  if (options.severities) {
    const ids = knownIds();
    const known = new Set(ids);
    for (const id of Object.keys(options.severities)) {
      if (!known.has(id)) throw new OptionsError(`unknown rule ${JSON.stringify(id)}${didYouMean(id, ids)}`);
    }
  }
}

function checkKubeVersion(kubeVersion = DEFAULT_KUBE_VERSION): void {
  if (Number(kubeVersion.split('.')[1]) > Number(DEFAULT_KUBE_VERSION.split('.')[1])) {
    throw new OptionsError(
      `Kubernetes ${kubeVersion} is newer than the newest supported version (${DEFAULT_KUBE_VERSION})`,
    );
  }
}
