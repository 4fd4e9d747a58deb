/** Validates one manifest against the schema its apiVersion/kind resolve to. */
import type { ErrorObject } from 'ajv';
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { builtinWalker, objectMetaValidator } from './builtin.js';
import { collapseErrors } from './collapse.js';
import { explainErrors } from './explain.js';
import { normalizeForValidation } from './normalize.js';
import type { SchemaResolver } from './resolve.js';
import type { SchemaWalker } from './schema-walk.js';
import { formatPath } from './paths.js';

/** Beyond this, a document is probably not what its kind says; more findings would only bury the first ones. */
export const MAX_FINDINGS_PER_OBJECT = 50;

export function validateManifest(manifest: Manifest, resolver: SchemaResolver, strict: boolean): Finding[] {
  const typeMeta = checkTypeMeta(manifest);
  if (typeMeta.length > 0) return typeMeta;
  const apiVersion = manifest.object.apiVersion as string;
  const kind = manifest.object.kind as string;

  const resolution = resolver.resolve(apiVersion, kind, manifest);
  if (resolution.status === 'skip') return [];
  if (resolution.status === 'unvalidated')
    return [
      finding(manifest, 'schema/not-validated', 'warning', `not validated: ${resolution.reason}`, ['kind'], 'value'),
    ];
  if (resolution.status === 'unknown') {
    return [
      finding(
        manifest,
        'schema/unknown-kind',
        strict ? 'error' : 'warning',
        resolution.message,
        [resolution.at],
        'value',
      ),
    ];
  }

  const data = normalizeForValidation(manifest);
  const errors: ErrorObject[] = [];
  try {
    const valid: unknown = resolution.validate(data);
    if (typeof valid !== 'boolean') {
      // Never reached (mode keywords are removed from untrusted schemas): a promise here would be a silent pass.
      Promise.resolve(valid).catch(() => undefined);
      return [
        finding(
          manifest,
          'schema/not-validated',
          'warning',
          'not validated: its schema did not run synchronously',
          ['kind'],
          'value',
        ),
      ];
    }
    if (!valid) errors.push(...(resolution.validate.errors ?? []));
    if (resolution.customResource && isRecord(data.metadata)) {
      const meta = objectMetaValidator();
      if (!meta(data.metadata, { instancePath: '/metadata' })) errors.push(...(meta.errors ?? []));
    }
  } catch (err) {
    // Only a pathological object (e.g. nested deeper than the stack) gets here; say so rather than crash the run.
    return [
      finding(
        manifest,
        'schema/invalid',
        'error',
        `cannot validate this object: ${err instanceof Error ? err.message : String(err)}`,
        [],
        'value',
      ),
    ];
  }
  if (errors.length === 0) return [];

  let walker: SchemaWalker | undefined;
  let metaWalker: SchemaWalker | undefined;
  const allowedFields = (path: JsonPath): string[] => {
    if (resolution.customResource && path[0] === 'metadata') {
      metaWalker ??= builtinWalker('meta.v1.ObjectMeta');
      return metaWalker?.propertyNames(path.slice(1), data.metadata) ?? [];
    }
    walker ??= resolution.walker();
    return walker?.propertyNames(path, data) ?? [];
  };
  const findings = explainErrors(collapseErrors(errors), { manifest, data, allowedFields }).sort(byPosition);
  if (findings.length <= MAX_FINDINGS_PER_OBJECT) return findings;
  const shown = findings.slice(0, MAX_FINDINGS_PER_OBJECT);
  shown.push(
    finding(
      manifest,
      'schema/too-many-errors',
      'info',
      `${findings.length - MAX_FINDINGS_PER_OBJECT} more schema problems in this object are not shown`,
      ['kind'],
      'key',
    ),
  );
  return shown;
}

/** apiVersion and kind decide everything else: they must be non-empty strings. */
function checkTypeMeta(manifest: Manifest): Finding[] {
  const findings: Finding[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    const value = manifest.object[field];
    if (typeof value === 'string' && value !== '') continue;
    if (!Object.hasOwn(manifest.object, field)) {
      const anchor: JsonPath = field === 'apiVersion' && Object.hasOwn(manifest.object, 'kind') ? ['kind'] : [];
      findings.push(finding(manifest, 'schema/required', 'error', `${field}: required field missing`, anchor, 'key'));
    } else if (value === null || value === '') {
      findings.push(
        finding(manifest, 'schema/required', 'error', `${field}: required field has no value`, [field], 'key'),
      );
    } else {
      const got = Array.isArray(value)
        ? 'array'
        : typeof value === 'object'
          ? 'object'
          : `${typeof value} ${String(value)}`;
      findings.push(
        finding(
          manifest,
          'schema/type',
          'error',
          `${formatPath([field])}: expected string, got ${got}`,
          [field],
          'value',
        ),
      );
    }
  }
  return findings;
}

function finding(
  manifest: Manifest,
  ruleId: string,
  severity: Finding['severity'],
  message: string,
  path: JsonPath,
  target: 'key' | 'value',
): Finding {
  return { ruleId, severity, message, file: manifest.file, ...manifest.locate(path, target), object: manifest.ref };
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
