/**
 * Generators for the property tests: real, valid manifests (examples/ and a few inline fixtures) mutated the way
 * people and tools break them — a key deleted, renamed or retyped, garbage inserted, the text truncated or spliced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';

const EXTRA_SEEDS: Record<string, string> = {
  'statefulset.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data, labels: {app: db}}
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: OrderedReady
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:16.2
        ports: [{containerPort: 5432, name: pg}]
        resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 1Gi}}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
`,
  'cronjob.yaml': `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "*/15 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: [sh, -c, "date; echo done"]
            env: [{name: MODE, value: "on"}, {name: MASK, value: "0755"}]
`,
  'list.yaml': `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a, labels: &l {app: a}}
  data: {key: "yes", other: value}
- apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: {name: a}
  spec: {minAvailable: 1, selector: {matchLabels: *l}}
- apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: a}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: a}
    minReplicas: 2
    maxReplicas: 5
    metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
`,
  'daemonset-crd.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers:
      - {name: agent, image: "registry.example.com/agent@sha256:${'a'.repeat(64)}", resources: {requests: {cpu: 10m, memory: 32Mi}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: example.com/v1alpha1
kind: Widget
metadata: {name: w}
spec: {size: 3, colour: blue}
`,
};

export interface Seed {
  name: string;
  text: string;
}

/** examples/**.yaml plus the inline fixtures above, in a fixed order. */
export function seeds(): Seed[] {
  const root = path.resolve('examples');
  const out: Seed[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/\.ya?ml$/.test(entry.name))
        out.push({ name: path.relative(root, full), text: readFileSync(full, 'utf8') });
    }
  }
  for (const [name, text] of Object.entries(EXTRA_SEEDS)) out.push({ name, text });
  return out;
}

/** Tokens that break YAML and Kubernetes in interesting ways. */
export const GARBAGE = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '- ',
  '-',
  ',',
  '#',
  '&a ',
  '*a',
  '*nope',
  '!',
  '!!binary ',
  '!foo ',
  '|',
  '>-',
  '"',
  "'",
  '\t',
  '\n',
  '\r\n',
  '\n---\n',
  '\n...\n',
  '%YAML 1.2\n',
  '<<: *a\n',
  '? ',
  '\u0000',
  '\u001b[2J',
  '\ufeff',
  '\u2028',
  '\u00e9',
  '😀',
  '{{ .Values.x }}',
  'yes',
  'no',
  'on',
  '0755',
  '1:20',
  '2024-01-01',
  '~',
  'null',
  '-1',
  '1e400',
  '9999999999999999999999',
  '.nan',
  '""',
  '[]',
  '{}',
  '  ',
  '\n  ',
  '\n    - ',
  'kind: ',
  'apiVersion: ',
  'metadata: ',
  'name: ',
  'replicas: ',
  'containers: ',
  'x'.repeat(1100),
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Names a plain `{}` answers from Object.prototype: as kinds, names, label keys, they must read as ordinary strings. */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
/** GitHub workflow commands (current `::` syntax and the v1 `##[` one): values that must never reach a job log raw. */
export const WORKFLOW_COMMANDS = [
  '::error::x',
  '::error file=a,line=1::forged',
  '::warning title=t::x',
  '::stop-commands::tok',
  '::add-mask::x',
  '##[warning]x',
  '##[error]x',
  'a\n::error::x',
];

/** Values to put where another value was. */
const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 53,
    '',
    'x',
    '0755',
    'yes',
    '1Gi',
    '100m',
    'latest',
    [],
    {},
    [null],
    { '': null },
  ),
  fc.constantFrom<Json>(...PROTOTYPE_NAMES, ...WORKFLOW_COMMANDS),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

type ObjectMutation =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; value: Json }
  | { op: 'rename'; at: number; suffix: string }
  | { op: 'insert'; at: number; key: string; value: Json };

const objectMutation: fc.Arbitrary<ObjectMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: replacement }),
  fc.record({
    op: fc.constant('rename' as const),
    at: fc.nat(),
    suffix: fc.constantFrom('s', 'S', '_', ' ', '', 'Name'),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    key: fc.constantFrom(
      'kind',
      'apiVersion',
      'metadata',
      'spec',
      'replicas',
      'x',
      '',
      'name',
      'labels',
      ...PROTOTYPE_NAMES,
    ),
    value: replacement,
  }),
);

type TextMutation = { op: 'truncate'; at: number } | { op: 'splice'; at: number; remove: number; insert: string };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('splice' as const),
    at: fc.nat(),
    remove: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 8 }), fc.constant('')),
  }),
);

/** Every container (object or array) in `root`, in a fixed order, with its parent key; iterative. */
function containers(root: Json): Array<{ parent: Json[] | { [k: string]: Json }; key: string | number }> {
  const out: Array<{ parent: Json[] | { [k: string]: Json }; key: string | number }> = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        stack.push(v);
      });
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        stack.push(v);
      }
    }
  }
  return out;
}

/** `parent[key] = value` as an own property, even for `__proto__`. */
function put(parent: { [k: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function applyObjectMutation(doc: Json, m: ObjectMutation): Json {
  const places = containers(doc);
  if (places.length === 0) return m.op === 'retype' ? m.value : doc;
  const { parent, key } = places[m.at % places.length]!;
  if (Array.isArray(parent)) {
    const i = key as number;
    if (m.op === 'delete') parent.splice(i, 1);
    else if (m.op === 'retype') parent[i] = m.value;
    else if (m.op === 'insert') {
      const inserted: { [k: string]: Json } = {};
      put(inserted, m.key, m.value);
      parent.splice(i, 0, inserted);
    } else parent[i] = typeof parent[i] === 'string' ? `${parent[i]}${m.suffix}` : parent[i]!;
    return doc;
  }
  const k = key as string;
  if (m.op === 'delete') delete parent[k];
  else if (m.op === 'retype') parent[k] = m.value;
  else if (m.op === 'insert')
    put(parent, m.key, m.value); // `__proto__` too, as an own key (as yaml reads it)
  else {
    const v = parent[k]!;
    delete parent[k];
    parent[m.suffix === '' ? k.toUpperCase() : `${k}${m.suffix}`] = v;
  }
  return doc;
}

function applyTextMutation(text: string, m: TextMutation): string {
  if (m.op === 'truncate') return text.slice(0, m.at % (text.length + 1));
  const at = m.at % (text.length + 1);
  return text.slice(0, at) + m.insert + text.slice(at + m.remove);
}

export interface Mutant {
  seed: string;
  text: string;
}

/** A seed file with 0–3 structural mutations (re-serialised) and 0–3 textual ones. */
export function mutant(all: Seed[]): fc.Arbitrary<Mutant> {
  return fc
    .record({
      seed: fc.nat({ max: all.length - 1 }),
      objectMutations: fc.array(objectMutation, { maxLength: 3 }),
      textMutations: fc.array(textMutation, { maxLength: 3 }),
    })
    .map(({ seed, objectMutations, textMutations }) => {
      const base = all[seed]!;
      let text = base.text;
      if (objectMutations.length > 0) {
        const docs = parseAllDocuments(text, { version: '1.1' }) as unknown as Array<{ toJS(): Json }>;
        const values = docs.map((d) => d.toJS());
        objectMutations.forEach((m, i) => {
          const index = i % values.length;
          values[index] = applyObjectMutation(values[index]!, m);
        });
        text = values.map((v) => stringify(v, { version: '1.1' })).join('---\n');
      }
      for (const m of textMutations) text = applyTextMutation(text, m);
      return { seed: base.name, text };
    });
}
