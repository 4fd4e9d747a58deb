/**
 * Label and annotation keys/values the API server would reject (ValidateLabels / ValidateAnnotations):
 * on every object, every pod template, selectors' matchLabels, Service selectors and nodeSelectors.
 */
import { labelValue, qualifiedName } from '../src/k8s/names.js';
import type { JsonPath, Manifest } from '../src/core/types.js';
import type { Report, Rule } from '../src/rules/types.js';

/** The API server caps the total size of an object's annotations (TotalAnnotationSizeLimitB). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

type LabelMapKind = 'labels' | 'annotations';

const rule: Rule = {
  id: 'invalid-label',
  severity: 'error',
  category: 'validation',
  description: 'Label or annotation key/value the API server would reject',
  rationale:
    'Label keys are an optional DNS subdomain prefix and a name of at most 63 characters (letters, digits, "-", "_", "."); ' +
    'label values are at most 63 such characters, and must start and end with a letter or digit. Annotation keys follow ' +
    'the same key rules and all annotations together must stay under 256 KiB. The same rules apply to selectors and ' +
    'nodeSelectors, since they match labels. Shorten or rename the key or value.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set',
  ],
  howToFix:
    "Shorten or rename the key or value so it fits the syntax in the message: at most 63 characters of letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit (label values may also be empty); a key's optional prefix is a DNS subdomain followed by `/`.",
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      '  labels:',
      '    team: platform team',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      '  labels:',
      '    team: platform-team',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      for (const { path, kind } of labelMaps(m.object, m.ref.kind)) checkMap(m, path, kind, context.report);
    }
  },
};

/** Finds every label-like map in the object, iteratively (inputs can be deep and hostile). */
function labelMaps(root: unknown, kind: string | undefined): { path: JsonPath; kind: LabelMapKind }[] {
  const out: { path: JsonPath; kind: LabelMapKind }[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    if (!isMap(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      const parent = path[path.length - 1];
      if (parent === 'metadata' && key === 'labels') out.push({ path: childPath, kind: 'labels' });
      else if (parent === 'metadata' && key === 'annotations') out.push({ path: childPath, kind: 'annotations' });
      else if (key === 'matchLabels' || key === 'nodeSelector') out.push({ path: childPath, kind: 'labels' });
      else if (kind === 'Service' && path.length === 1 && path[0] === 'spec' && key === 'selector')
        out.push({ path: childPath, kind: 'labels' });
      else if (
        key === 'openAPIV3Schema' ||
        ((kind === 'ConfigMap' || kind === 'Secret') && path.length === 0 && key !== 'metadata')
      )
        continue;
      else stack.push({ value: child, path: childPath });
    }
  }
  return out.sort((a, b) => (a.path.join('\0') < b.path.join('\0') ? -1 : 1));
}

function checkMap(m: Manifest, path: JsonPath, kind: LabelMapKind, report: (r: Report) => void) {
  let value: unknown = m.object;
  for (const p of path) value = (value as Record<string | number, unknown>)[p];
  if (!isMap(value)) return;
  const what =
    path[path.length - 1] === 'annotations' ? 'annotation' : path[path.length - 1] === 'labels' ? 'label' : 'selector';
  let total = 0;
  for (const [key, v] of Object.entries(value)) {
    const keyErrs = qualifiedName(key);
    if (keyErrs.length)
      report({
        manifest: m,
        path: [...path, key],
        target: 'key',
        message: `${what} key ${JSON.stringify(key)}: ${keyErrs.join('; ')}`,
      });
    if (typeof v !== 'string') continue; // wrong types are reported by schema validation
    total += key.length + v.length;
    if (kind === 'labels') {
      const valueErrs = labelValue(v);
      if (valueErrs.length)
        report({
          manifest: m,
          path: [...path, key],
          message: `${what} value ${JSON.stringify(truncate(v))} of ${JSON.stringify(key)}: ${valueErrs.join('; ')}`,
        });
    }
  }
  if (kind === 'annotations' && total > ANNOTATIONS_MAX_BYTES) {
    report({
      manifest: m,
      path,
      target: 'key',
      message: `annotations total ${total} bytes, over the API server's limit of ${ANNOTATIONS_MAX_BYTES}`,
    });
  }
}

function truncate(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export default rule;
