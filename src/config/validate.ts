/**
 * Checks a parsed config against schemas/kubeplan-config.schema.json and the rule registry, and
 * turns every problem into a `config/invalid` finding at the offending key or value, with a
 * "did you mean" suggestion for misspelt keys and rule ids.
 */
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import schema from '../../schemas/kubeplan-config.schema.json' with { type: 'json' };
import { packageFile } from '../core/package-root.js';
import type { JsonPath, LocateTarget } from '../core/types.js';
import { closestMatch } from '../rules/suggest.js';
import { isObj } from '../core/values.js';
import path from 'node:path';
import { isInside, realpathOr } from '../core/safe-read.js';
import { compileGlob } from './globs.js';

const MAX_PATTERNS = (schema.properties.include as { maxItems: number }).maxItems;

export const CONFIG_INVALID = 'config/invalid';

export const CONFIG_SCHEMA: { properties: Record<string, unknown> } = schema;

/**
 * The schema precompiled at build time (scripts/compile-config-schema.mjs, `npm run schemas`): no schema
 * is compiled at run time. Loaded on first use, so runs without a config file never pay for it.
 */
type ConfigValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let precompiled: ConfigValidator | undefined;
function validateSchema(value: unknown): { ok: boolean; errors: ErrorObject[] } {
  precompiled ??= createRequire(import.meta.url)(
    packageFile('schemas/kubeplan-config.validator.cjs'),
  ) as ConfigValidator;
  const ok = precompiled(value);
  return { ok, errors: precompiled.errors ?? [] };
}

const TOP_LEVEL_KEYS = Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema');

/** Friendlier words for the patterns in the schema. */
const PATTERN_HINTS: Record<string, string> = {
  kubeVersion: 'must be a Kubernetes version like "1.34"',
  namespace: 'must be a namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit)',
};

export interface ConfigProblem {
  path: JsonPath;
  target: LocateTarget;
  message: string;
}

/** All include and exclude patterns together, after brace expansion: the work per file is bounded by this. */
export const MAX_CONFIG_GLOB_ALTERNATIVES = 1024;
/** All include and exclude patterns together, in characters. */
export const MAX_CONFIG_GLOB_CHARS = 64 * 1024;

export function validateConfig(
  value: Record<string, unknown>,
  knownRuleIds: readonly string[],
  options: { baseDir?: string; repositoryRoot?: string } = {},
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const checked = validateSchema(value);
  if (!checked.ok) {
    for (const error of checked.errors) problems.push(describeError(error));
  }
  if (isObj(value.rules)) {
    const known = new Set(knownRuleIds);
    for (const id of Object.keys(value.rules)) {
      if (known.has(id)) continue;
      const suggestion = closestMatch(id, knownRuleIds);
      problems.push({
        path: ['rules', id],
        target: 'key',
        message: `unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      });
    }
  }
  let alternatives = 0;
  let chars = 0;
  for (const field of ['include', 'exclude'] as const) {
    const patterns = value[field];
    // Over the schema's maxItems: reported by the schema already; compiling thousands of patterns is the attack.
    if (!Array.isArray(patterns) || patterns.length > MAX_PATTERNS) continue;
    for (const [i, pattern] of patterns.entries()) {
      if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 1024) continue; // the schema said so
      chars += pattern.length;
      const compiled = compileGlob(pattern);
      if ('error' in compiled) {
        problems.push({
          path: [field, i],
          target: 'value',
          message: `${field}[${i}]: invalid glob: ${compiled.error}`,
        });
        continue;
      }
      alternatives += compiled.matcher.set.length;
      if (alternatives > MAX_CONFIG_GLOB_ALTERNATIVES || chars > MAX_CONFIG_GLOB_CHARS) {
        problems.push({
          path: [field, i],
          target: 'value',
          message: `include and exclude together are over ${MAX_CONFIG_GLOB_CHARS / 1024} KiB or ${MAX_CONFIG_GLOB_ALTERNATIVES} patterns after brace expansion (from ${field}[${i}] on)`,
        });
        return dedupe(problems);
      }
    }
  }
  if (options.repositoryRoot !== undefined && Array.isArray(value.schemaDirs)) {
    const root = options.repositoryRoot;
    const rootReal = realpathOr(root);
    value.schemaDirs.forEach((dir, i) => {
      if (typeof dir !== 'string' || dir === '') return;
      const absolute = path.resolve(options.baseDir ?? root, dir);
      // A committed config names folders of the repository; `--schema-dir` on the command line may name any folder.
      if (!isInside(absolute, root) || !isInside(realpathOr(absolute), rootReal))
        problems.push({
          path: ['schemaDirs', i],
          target: 'value',
          message: `schemaDirs[${i}] leads outside the repository (${JSON.stringify(dir)}); use --schema-dir for a folder elsewhere`,
        });
    });
  }
  return dedupe(problems);
}

function describeError(error: ErrorObject): ConfigProblem {
  const path = pointerToPath(error.instancePath);
  const where = path.length === 0 ? 'the configuration' : displayPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const suggestion = path.length === 0 ? closestMatch(key, TOP_LEVEL_KEYS) : undefined;
      const known = path.length === 0 ? `; known keys: ${TOP_LEVEL_KEYS.join(', ')}` : '';
      return {
        path: [...path, key],
        target: 'key',
        message: `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : known}`,
      };
    }
    case 'enum':
      return {
        path,
        target: 'value',
        message: `${where} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`,
      };
    case 'type':
      return { path, target: 'value', message: `${where} must be ${article((error.params as { type: string }).type)}` };
    case 'pattern':
      return { path, target: 'value', message: `${where} ${PATTERN_HINTS[String(path[0])] ?? error.message}` };
    default:
      return {
        path,
        target: error.keyword === 'propertyNames' ? 'key' : 'value',
        message: `${where} ${error.message ?? 'is invalid'}`,
      };
  }
}

/** "/rules/foo" → ['rules', 'foo']; "/include/2" → ['include', 2]. */
function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function displayPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function article(type: string): string {
  const words: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    string: 'a string',
    boolean: 'true or false',
    number: 'a number',
    integer: 'an integer',
  };
  return words[type] ?? type;
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${JSON.stringify(p.path)}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
