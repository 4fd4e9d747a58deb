/**
 * Plain-scalar resolution as Kubernetes does it: sigs.k8s.io/yaml decodes through go-yaml v2
 * (`resolve()` in goyaml.v2/resolve.go) into interface{}, which differs from eemeli/yaml's YAML 1.1 schema in a few places:
 *  - base-60 numbers (`1:20`, `190:20:30`) are strings ("purposefully unsupported"), not 80 / 685230;
 *  - timestamps (`2024-01-01`) stay strings when decoded into interface{} (for backward compatibility);
 *  - integers go through Go's strconv.ParseInt(base 0) after every `_` is removed, so `0o755`, `0X1F`,
 *    `0B101` and `0_x1F` are numbers too;
 *  - a float needs the go-yaml shape `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (underscores removed),
 *    or, when it starts with `.`, what strconv.ParseFloat accepts;
 *  - `!!set`, `!!omap`, `!!pairs` and `!!timestamp` are not JSON: the tags are dropped, so the values stay plain
 *    strings / mappings / sequences; `!!binary` becomes the decoded string. The object the rest of kubeplan sees is
 *    always JSON-like (no Date, Map, Set or Uint8Array).
 * All regular expressions here are anchored and linear (no nested quantifiers over the same characters).
 */
import type { ScalarTag, Tags } from 'yaml';

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** Tags of eemeli/yaml's yaml-1.1 schema that are replaced or dropped. */
const DROPPED = new Set([
  INT_TAG,
  FLOAT_TAG,
  'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:pairs',
  'tag:yaml.org,2002:set',
  'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:merge', // re-added by `merge: true`
]);

// Integers: an optional sign, then what ParseInt(base 0) accepts, with `_` allowed anywhere after the first character.
const SIGN = '(?:[-+]_*)?';
const GO_INT = new RegExp(
  `^${SIGN}(?:0_*[xX]_*[0-9a-fA-F][0-9a-fA-F_]*|0_*[oO]_*[0-7][0-7_]*|0_*[bB]_*[01][01_]*|0[0-7_]*|[1-9][0-9_]*)$`,
);
// Floats whose first character is a digit or a sign (go-yaml strips `_`, then matches yamlStyleFloat).
const EXP = '(?:[eE]_*(?:[-+]_*)?[0-9][0-9_]*)?';
const GO_FLOAT_DIGIT = new RegExp(`^(?:${SIGN}[0-9][0-9_]*(?:\\.[0-9_]*)?${EXP}|[-+]_*\\._*[0-9][0-9_]*${EXP})$`);
// Floats starting with `.`: strconv.ParseFloat (no underscores without a base prefix).
const GO_FLOAT_DOT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const GO_FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

function goInt(source: string): number {
  let s = source.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  let value: number;
  const prefix = s.slice(0, 2).toLowerCase();
  if (prefix === '0x') value = parseInt(s.slice(2), 16);
  else if (prefix === '0o') value = parseInt(s.slice(2), 8);
  else if (prefix === '0b') value = parseInt(s.slice(2), 2);
  else if (s.length > 1 && s[0] === '0') value = parseInt(s.slice(1), 8);
  else value = parseInt(s, 10);
  return sign * value;
}

function goFloat(source: string): number {
  if (GO_FLOAT_SPECIAL.test(source)) {
    if (/nan$/i.test(source)) return NaN;
    return source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return parseFloat(source.replace(/_/g, ''));
}

const isNumber = (value: unknown) => typeof value === 'number';

export const goInteger: ScalarTag = {
  identify: (value) => Number.isInteger(value),
  default: true,
  tag: INT_TAG,
  test: GO_INT,
  resolve: (str, onError) => {
    if (!GO_INT.test(str)) onError(`cannot decode ${JSON.stringify(str.slice(0, 40))} as an integer`);
    return goInt(str);
  },
};

const floatResolve = (str: string, onError: (message: string) => void) => {
  if (!GO_FLOAT_SPECIAL.test(str) && !GO_FLOAT_DIGIT.test(str) && !GO_FLOAT_DOT.test(str) && !GO_INT.test(str)) {
    onError(`cannot decode ${JSON.stringify(str.slice(0, 40))} as a float`);
  }
  return GO_INT.test(str) ? goInt(str) : goFloat(str);
};

export const goFloatSpecial: ScalarTag = {
  identify: isNumber,
  default: true,
  tag: FLOAT_TAG,
  test: GO_FLOAT_SPECIAL,
  resolve: floatResolve,
};
export const goFloatDigit: ScalarTag = {
  identify: isNumber,
  default: true,
  tag: FLOAT_TAG,
  format: 'DIGIT',
  test: GO_FLOAT_DIGIT,
  resolve: floatResolve,
};
export const goFloatDot: ScalarTag = {
  identify: isNumber,
  default: true,
  tag: FLOAT_TAG,
  format: 'DOT',
  test: GO_FLOAT_DOT,
  resolve: floatResolve,
};

/** `!!binary` is decoded to a string, as go-yaml v2 does when the target is interface{}. */
export const goBinary: ScalarTag = {
  identify: () => false,
  default: false,
  tag: 'tag:yaml.org,2002:binary',
  resolve: (str) => Buffer.from(str.replace(/\s+/g, ''), 'base64').toString('utf8'),
};

/** `customTags` for eemeli/yaml with `version: '1.1'`: the yaml-1.1 schema with go-yaml v2's scalar resolution. */
export function kubernetesTags(tags: Tags): Tags {
  const kept = tags.filter((t) => !DROPPED.has((t as { tag: string }).tag));
  // Order matters: integers before floats (as in go-yaml), and both after null/bool.
  return [...kept, goInteger, goFloatSpecial, goFloatDigit, goFloatDot, goBinary];
}
