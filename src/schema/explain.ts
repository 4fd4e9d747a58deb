/**
 * Turns collapsed ajv errors into findings: a rule id, a message that says what is wrong and
 * how to fix it, and the exact source position (the key for unknown or missing fields, the
 * value otherwise).
 */
import type { Finding, JsonPath, LocateTarget, Manifest } from '../core/types.js';
import type { SchemaError } from './collapse.js';
import { typeList } from './collapse.js';
import { formatPath, pointerToPath, valueAt } from './paths.js';
import { QUANTITY_PATTERN, suggestQuantity } from '../k8s/quantity.js';
import { closestMatch } from './suggest.js';

export interface ExplainContext {
  manifest: Manifest;
  /** The object as validated (normalized: nulls dropped, timestamps as text). */
  data: unknown;
  /** Field names allowed in the mapping at `path` (for "did you mean"). */
  allowedFields(path: JsonPath): string[];
}

interface Explanation {
  ruleId: string;
  message: string;
  path: JsonPath;
  target: LocateTarget;
}

const MAX_ENUM_VALUES_SHOWN = 12;

/**
 * A null item in a list of scalars (`- ` alone under `capabilities.drop`): the API server's JSON decoder leaves the
 * item at its zero value ("", 0, false) rather than rejecting it, so it is no type error.
 */
function nullScalarItem(error: SchemaError, path: JsonPath, data: unknown): boolean {
  if (error.keyword !== 'type' || typeof path[path.length - 1] !== 'number') return false;
  if (valueAt(data, path) !== null) return false;
  return typeList(error.params.type).every(
    (t) => t === 'string' || t === 'integer' || t === 'number' || t === 'boolean',
  );
}

export function explainErrors(errors: readonly SchemaError[], context: ExplainContext): Finding[] {
  const kept = errors.filter(
    (error) => !nullScalarItem(error, pointerToPath(error.instancePath, context.data), context.data),
  );
  return kept.map((error) => {
    const path = pointerToPath(error.instancePath, context.data);
    const explanation = explain(error, path, context);
    return {
      ruleId: explanation.ruleId,
      severity: 'error',
      message: explanation.message,
      file: context.manifest.file,
      ...locate(context.manifest, explanation.path, explanation.target),
      object: context.manifest.ref,
    };
  });
}

/** Root-level "key" positions have no key: point at `kind:`, which names the object. */
function locate(manifest: Manifest, path: JsonPath, target: LocateTarget) {
  if (path.length === 0 && target === 'key') return manifest.locate(['kind'], 'key');
  return manifest.locate(path, target);
}

function explain(error: SchemaError, path: JsonPath, context: ExplainContext): Explanation {
  const value = valueAt(context.data, path);
  const at = formatPath(path);
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const fieldPath = [...path, field];
      const meant = error.meant ?? closestMatch(field, context.allowedFields(path));
      return {
        ruleId: 'schema/unknown-field',
        message: `${formatPath(fieldPath)}: unknown field${meant ? ` (did you mean "${meant}"?)` : ''}`,
        path: fieldPath,
        target: 'key',
      };
    }
    case 'required':
      return required(String(p.missingProperty), path, context);
    case 'dependencies':
    case 'dependentRequired':
      return {
        ruleId: 'schema/required',
        message: `${formatPath([...path, String(p.missingProperty)])}: required when ${String(p.property)} is set`,
        path: [...path, String(p.property)],
        target: 'key',
      };
    case 'type':
      return wrongType(typeList(p.type), value, path, context);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const shown = allowed
        .slice(0, MAX_ENUM_VALUES_SHOWN)
        .map((v) => JSON.stringify(v))
        .join(', ');
      const more = allowed.length > MAX_ENUM_VALUES_SHOWN ? `, … (${allowed.length} values)` : '';
      const meant =
        typeof value === 'string'
          ? closestMatch(
              value,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      return {
        ruleId: 'schema/enum',
        message: `${at}: must be one of ${shown}${more} (got ${JSON.stringify(value)})${meant ? `; did you mean "${meant}"?` : ''}`,
        path,
        target: 'value',
      };
    }
    case 'const':
      return {
        ruleId: 'schema/enum',
        message: `${at}: must be ${JSON.stringify(p.allowedValue)} (got ${JSON.stringify(value)})`,
        path,
        target: 'value',
      };
    case 'format':
      return {
        ruleId: 'schema/format',
        message: `${at}: ${formatProblem(String(p.format), value, path)}`,
        path,
        target: 'value',
      };
    case 'pattern':
      return {
        ruleId: 'schema/format',
        message: `${at}: ${patternProblem(String(p.pattern), value)}`,
        path,
        target: 'value',
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        ruleId: 'schema/format',
        message: `${at}: must be ${String(p.comparison)} ${String(p.limit)} (got ${JSON.stringify(value)})`,
        path,
        target: 'value',
      };
    case 'multipleOf':
      return {
        ruleId: 'schema/format',
        message: `${at}: must be a multiple of ${String(p.multipleOf)} (got ${JSON.stringify(value)})`,
        path,
        target: 'value',
      };
    case 'minLength':
      return {
        ruleId: 'schema/format',
        message: `${at}: must be at least ${String(p.limit)} characters long`,
        path,
        target: 'value',
      };
    case 'maxLength':
      return {
        ruleId: 'schema/format',
        message: `${at}: must be at most ${String(p.limit)} characters long`,
        path,
        target: 'value',
      };
    case 'minItems':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: must have at least ${plural(Number(p.limit), 'item')}`,
        path,
        target: 'value',
      };
    case 'maxItems':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: must have at most ${plural(Number(p.limit), 'item')}`,
        path,
        target: 'value',
      };
    case 'minProperties':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: must have at least ${plural(Number(p.limit), 'field')}`,
        path,
        target: 'value',
      };
    case 'maxProperties':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: must have at most ${plural(Number(p.limit), 'field')}`,
        path,
        target: 'value',
      };
    case 'uniqueItems':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: items [${String(p.j)}] and [${String(p.i)}] are identical; items must be unique`,
        path,
        target: 'value',
      };
    case 'oneOf':
      return {
        ruleId: 'schema/invalid',
        message: Array.isArray(p.passingSchemas)
          ? `${at}: matches more than one of the allowed forms; it must match exactly one`
          : `${at}: does not match any of the allowed forms`,
        path,
        target: 'value',
      };
    case 'anyOf':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: does not match any of the allowed forms`,
        path,
        target: 'value',
      };
    case 'not':
      return {
        ruleId: 'schema/invalid',
        message: `${at}: matches a form that is not allowed here`,
        path,
        target: 'value',
      };
    case 'false schema':
      return {
        ruleId: 'schema/unknown-field',
        message: `${at}: not allowed here`,
        path,
        target: path.length > 0 && typeof path[path.length - 1] === 'string' ? 'key' : 'value',
      };
    case 'propertyNames':
      return {
        ruleId: 'schema/invalid',
        message: `${formatPath([...path, String(p.propertyName)])}: this key is not allowed`,
        path: [...path, String(p.propertyName)],
        target: 'key',
      };
    default:
      return {
        ruleId: 'schema/invalid',
        message: `${at}: does not satisfy the schema (${error.keyword})`,
        path,
        target: 'value',
      };
  }
}

function required(field: string, parent: JsonPath, context: ExplainContext): Explanation {
  const fieldPath = [...parent, field];
  // `selector:` with no value parses as null, which we drop before validating: say so, at that key.
  const original = valueAt(context.manifest.object, parent);
  if (original !== null && typeof original === 'object' && Object.hasOwn(original, field)) {
    return {
      ruleId: 'schema/required',
      message: `${formatPath(fieldPath)}: required field has no value`,
      path: fieldPath,
      target: 'key',
    };
  }
  return {
    ruleId: 'schema/required',
    message: `${formatPath(fieldPath)}: required field missing`,
    path: parent,
    target: 'key',
  };
}

function wrongType(expected: string[], value: unknown, path: JsonPath, context: ExplainContext): Explanation {
  const at = formatPath(path);
  // Only where quoting is the fix: for int-or-string, a boolean is wrong quoted or not.
  if (expected.length === 1 && expected[0] === 'string' && (typeof value === 'boolean' || typeof value === 'number')) {
    const source = context.manifest.scalarSource(path);
    if (source?.plain) {
      return {
        ruleId: 'schema/yaml11-scalar',
        message: `${at}: ${shorten(source.text)} is read by Kubernetes as ${readAs(value, source.text)}, but a string is expected; quote it: ${JSON.stringify(shorten(source.text))}`,
        path,
        target: 'value',
      };
    }
  }
  return {
    ruleId: 'schema/type',
    message: `${at}: expected ${expected.join(' or ')}, got ${describeValue(value)}`,
    path,
    target: 'value',
  };
}

/** How Kubernetes' YAML 1.1 reader understood a plain scalar. */
function readAs(value: boolean | number, text: string): string {
  if (typeof value === 'boolean')
    return /^(true|false)$/i.test(text) ? `the boolean ${value}` : `the boolean ${value} (YAML 1.1)`;
  const sameInYaml12 = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/.test(text);
  return sameInYaml12 ? `the number ${value}` : `the number ${value} (YAML 1.1)`;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(shorten(value))}`;
    case 'number':
      return `number ${value}`;
    case 'boolean':
      return `boolean ${value}`;
    default:
      return 'object';
  }
}

const INT_RANGES: Record<string, string> = {
  int32: '-2147483648 to 2147483647',
  int64: '-9223372036854775808 to 9223372036854775807',
};

function formatProblem(format: string, value: unknown, path: JsonPath): string {
  const shown = JSON.stringify(value);
  switch (format) {
    case 'int32':
    case 'int64':
      return `${shown} is out of range for ${format} (${INT_RANGES[format]})`;
    case 'byte': {
      const inSecretData = path.length === 2 && path[0] === 'data';
      return `${shown.length > 40 ? 'value' : shown} is not valid base64${inSecretData ? ' (Secret data must be base64-encoded; put plain text under stringData)' : ''}`;
    }
    case 'date-time':
      return `${shown} is not an RFC 3339 date-time such as "2024-01-31T12:00:00Z"`;
    case 'date':
      return `${shown} is not a date such as "2024-01-31"`;
    default:
      return `${shown} is not a valid ${format}`;
  }
}

function patternProblem(pattern: string, value: unknown): string {
  if (pattern === QUANTITY_PATTERN && typeof value === 'string') {
    const meant = suggestQuantity(value);
    return `${JSON.stringify(value)} is not a valid quantity${meant ? `; did you mean "${meant}"?` : ' (examples: 500m, 0.5, 128Mi, 2Gi)'}`;
  }
  return `${JSON.stringify(value)} does not match the pattern ${pattern}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Values are quoted in messages; a long one is cut so the message stays one readable line. */
const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
