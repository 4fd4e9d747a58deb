/**
 * Every fixable case: the exact text a fix produces (written by hand: only the edited characters differ), that a
 * second run changes nothing, and that the fixed text lints without the fixed findings. Plus the cases where a fix
 * would not be certain, which must be left alone (the finding stays, without a fix).
 */
import { describe, expect, it } from 'vitest';
import { fixText, MIGRATIONS } from '../../src/fix/index.js';
import { apiVersionStatus } from '../../src/k8s/api-versions.js';
import { DEFAULT_KUBE_VERSION, lintText, type LintOptions } from '../../src/lint.js';
import { yaml } from '../rules/helpers.js';

const FILE = 'test.yaml';

/** Fixes `before`, expects exactly `after`, then idempotence and that no finding of `ids` is left. */
function expectFixed(before: string, after: string, ids: string[], options: LintOptions = {}) {
  const found = lintText(before, FILE, options).findings.map((f) => f.ruleId);
  for (const id of ids) expect(found, `the unfixed text has a ${id} finding`).toContain(id);
  const run = fixText(before, FILE, options);
  expect(run.files.map((f) => f.output)).toEqual([after]);
  expect(fixText(after, FILE, options).files, 'a second run changes nothing').toEqual([]);
  const left = lintText(after, FILE, options).findings.filter((f) => ids.includes(f.ruleId));
  expect(left.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  return run;
}

/** Expects the finding `id` to stay, with no fix offered, and the text unchanged. */
function expectNotFixed(text: string, id: string, options: LintOptions = {}) {
  const findings = lintText(text, FILE, { ...options, fixes: true }).findings.filter((f) => f.ruleId === id);
  expect(findings.length, `a ${id} finding`).toBeGreaterThan(0);
  expect(findings.map((f) => f.fix)).toEqual(findings.map(() => undefined));
  expect(fixText(text, FILE, options).files).toEqual([]);
}

const configMap = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${data}`;

describe('schema/yaml11-scalar: quote what Kubernetes would read as a boolean or a number', () => {
  it('quotes yes/no/on/off and octal-looking numbers in string fields, leaving the rest of the line', () => {
    expectFixed(
      configMap('  enabled: yes   # feature flag\n  mode: 0755\n  verbose: off\n  ratio: 1.10\n  name: plain\n'),
      configMap(
        '  enabled: "yes"   # feature flag\n  mode: "0755"\n  verbose: "off"\n  ratio: "1.10"\n  name: plain\n',
      ),
      ['schema/yaml11-scalar'],
    );
  });

  it('quotes inside flow mappings and sequences', () => {
    const pod = (env: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env: ${env}\n`;
    expectFixed(
      pod('[{name: DEBUG, value: on}, {name: MODE, value: 0644}]'),
      pod('[{name: DEBUG, value: "on"}, {name: MODE, value: "0644"}]'),
      ['schema/yaml11-scalar'],
    );
  });

  it('uses single quotes in a document that mostly uses them', () => {
    expectFixed(
      configMap("  a: 'x'\n  b: 'y'\n  c: \"z\"\n  d: no\n"),
      configMap("  a: 'x'\n  b: 'y'\n  c: \"z\"\n  d: 'no'\n"),
      ['schema/yaml11-scalar'],
    );
  });

  it('does not quote an anchored value that aliases elsewhere share', () => {
    expectNotFixed(configMap('  a: &flag yes\n  b: *flag\n'), 'schema/yaml11-scalar');
  });

  it('does not quote a value that comes through a merge key', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: c
      data:
        <<: &defaults {debug: on}
        level: info
    `;
    expectNotFixed(text, 'schema/yaml11-scalar');
  });
});

describe('schema/unknown-field: rename a misspelt field with exactly one candidate', () => {
  const deployment = (specLines: string) =>
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n' +
    specLines +
    '  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n' +
    '    spec:\n      containers: [{name: app, image: app:1}]\n';

  it('renames the key only: value, comment and blank lines stay', () => {
    expectFixed(deployment('  replica: 3  # three\n\n'), deployment('  replicas: 3  # three\n\n'), [
      'schema/unknown-field',
    ]);
  });

  it('keeps a quoted key quoted, and fixes a wrong case', () => {
    expectFixed(deployment('  "replica": 3\n'), deployment('  "replicas": 3\n'), ['schema/unknown-field']);
    expectFixed(deployment('  Replicas: 3\n'), deployment('  replicas: 3\n'), ['schema/unknown-field']);
  });

  it('fixes an object inside a List', () => {
    const list = (key: string) =>
      `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n    spec:\n      ${key}: {app: web}\n      ports: [{port: 80}]\n`;
    expectFixed(list('selectr'), list('selector'), ['schema/unknown-field']);
  });

  it('leaves a name with two candidates (hostPIC: hostPID or hostIPC?)', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPIC: true\n  containers: [{name: app, image: app:1}]\n`;
    expectNotFixed(pod, 'schema/unknown-field');
  });

  it('leaves a misspelling whose correct field is already there (a rename would duplicate the key)', () => {
    expectNotFixed(deployment('  replicas: 2\n  replica: 3\n'), 'schema/unknown-field');
  });

  it('leaves a field with no suggestion', () => {
    expectNotFixed(deployment('  colour: blue\n'), 'schema/unknown-field');
  });
});

describe('removed-api-version: Deployment, DaemonSet, StatefulSet, ReplicaSet → apps/v1', () => {
  it('adds spec.selector from the template labels, as the beta versions defaulted it', () => {
    const before = yaml`
      apiVersion: extensions/v1beta1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2

        # the pods
        template:
          metadata:
            labels:
              app: web
              tier: "front"
          spec:
            containers:
            - name: app
              image: app:1
    `;
    const after = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2

        # the pods
        selector:
          matchLabels:
            app: web
            tier: "front"
        template:
          metadata:
            labels:
              app: web
              tier: "front"
          spec:
            containers:
            - name: app
              image: app:1
    `;
    expectFixed(before, after, ['removed-api-version']);
  });

  it('only changes apiVersion when the selector is there, in the quoting it had', () => {
    const text = (v: string) =>
      `apiVersion: ${v}\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: db:1}]}\n`;
    expectFixed(text('"apps/v1beta2"'), text('"apps/v1"'), ['removed-api-version']);
    expectFixed(text("'apps/v1beta1'"), text("'apps/v1'"), ['removed-api-version']);
  });

  it('uses the indentation of the file (4 spaces) and its line endings (CRLF)', () => {
    const before = [
      'apiVersion: apps/v1beta2',
      'kind: DaemonSet',
      'metadata:',
      '    name: agent',
      'spec:',
      '    template:',
      '        metadata:',
      '            labels:',
      '                app: agent',
      '        spec:',
      '            containers:',
      '                - name: a',
      '                  image: a:1',
      '',
    ];
    const after = [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      '    name: agent',
      'spec:',
      '    selector:',
      '        matchLabels:',
      '            app: agent',
      '    template:',
      '        metadata:',
      '            labels:',
      '                app: agent',
      '        spec:',
      '            containers:',
      '                - name: a',
      '                  image: a:1',
      '',
    ];
    expectFixed(before.join('\r\n'), after.join('\r\n'), ['removed-api-version']);
  });

  it('quotes a copied label value that YAML 1.1 reads as a boolean, in a second pass', () => {
    const run = expectFixed(
      'apiVersion: apps/v1beta2\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  template:\n    metadata:\n      labels:\n        canary: yes\n    spec: {containers: [{name: a, image: a:1}]}\n',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  selector:\n    matchLabels:\n      canary: "yes"\n  template:\n    metadata:\n      labels:\n        canary: "yes"\n    spec: {containers: [{name: a, image: a:1}]}\n',
      ['removed-api-version', 'schema/yaml11-scalar'],
    );
    expect(run.passes).toBe(2);
    expect(run.files[0]!.applied.map((a) => a.ruleId)).toEqual([
      'removed-api-version',
      'schema/yaml11-scalar',
      'schema/yaml11-scalar',
    ]);
  });

  it('leaves a workload without template labels (no selector can be derived)', () => {
    expectNotFixed(
      'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {containers: [{name: a, image: a:1}]}\n',
      'removed-api-version',
    );
  });

  it('leaves a workload with spec.rollbackTo (dropped in apps/v1, no mechanical replacement)', () => {
    expectNotFixed(
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  rollbackTo: {revision: 2}\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: a, image: a:1}]}\n',
      'removed-api-version',
    );
  });

  it('leaves template labels that come from an anchor', () => {
    expectNotFixed(
      'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d, labels: &l {app: d}}\nspec:\n  template:\n    metadata: {labels: *l}\n    spec: {containers: [{name: a, image: a:1}]}\n',
      'removed-api-version',
    );
  });
});

describe('removed-api-version: Ingress → networking.k8s.io/v1', () => {
  it('renames backend, moves serviceName/servicePort under service, adds pathType; comments stay on their lines', () => {
    const before = yaml`
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata:
        name: web
      spec:
        backend:
          serviceName: fallback
          servicePort: 8080
        rules:
          - host: a.example.com
            http:
              paths:
                - path: /api
                  backend:
                    servicePort: http   # named port
                    serviceName: api
                - backend: {serviceName: web, servicePort: 80}
    `;
    const after = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        defaultBackend:
          service:
            name: fallback
            port:
              number: 8080
        rules:
          - host: a.example.com
            http:
              paths:
                - path: /api
                  pathType: ImplementationSpecific
                  backend:
                    service:
                      port:
                        name: http   # named port
                      name: api
                - pathType: ImplementationSpecific
                  backend: {service: {name: web, port: {number: 80}}}
    `;
    expectFixed(before, after, ['removed-api-version']);
  });

  it('moves non-adjacent backend fields together, keeping the other keys', () => {
    const before = yaml`
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata:
        name: web
      spec:
        rules:
          - http:
              paths:
                - pathType: Prefix
                  path: /
                  backend:
                    serviceName: web
                    resource: null
                    servicePort: 80
    `;
    const after = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
      spec:
        rules:
          - http:
              paths:
                - pathType: Prefix
                  path: /
                  backend:
                    service:
                      name: web
                      port:
                        number: 80
                    resource: null
    `;
    expectFixed(before, after, ['removed-api-version']);
  });

  it('migrates an IngressClass (same fields)', () => {
    const text = (v: string) =>
      `apiVersion: ${v}\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n`;
    expectFixed(text('networking.k8s.io/v1beta1'), text('networking.k8s.io/v1'), ['removed-api-version']);
  });

  it('leaves a quoted numeric servicePort ("80" is a port name to v1beta1, and no valid name in v1)', () => {
    expectNotFixed(
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend:\n    serviceName: web\n    servicePort: "80"\n',
      'removed-api-version',
    );
  });

  it('is not offered while the target release still serves the old version', () => {
    const text =
      'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n';
    expect(fixText(text, FILE, { kubeVersion: '1.21' }).files).toEqual([]);
  });
});

describe('removed-api-version: PodDisruptionBudget, CronJob, HorizontalPodAutoscaler', () => {
  it('migrates a PDB with a selector to policy/v1', () => {
    const text = (v: string) =>
      `apiVersion: ${v}\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels: {app: web}\n`;
    expectFixed(text('policy/v1beta1'), text('policy/v1'), ['removed-api-version']);
  });

  it('leaves a PDB with an empty selector: no pods in v1beta1, every pod of the namespace in v1', () => {
    expectNotFixed(
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  maxUnavailable: 1\n  selector: {}\n',
      'removed-api-version',
    );
  });

  it('migrates a CronJob to batch/v1', () => {
    const text = (v: string) =>
      `apiVersion: ${v}\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: a, image: a:1}]\n`;
    expectFixed(text('batch/v1beta1'), text('batch/v1'), ['removed-api-version']);
  });

  const hpa = (v: string, metrics: string) =>
    `apiVersion: ${v}\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 5\n${metrics}`;

  it('migrates autoscaling/v2beta2 (same fields) and a v2beta1 HPA without metrics', () => {
    const metrics =
      '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 60}\n';
    expectFixed(hpa('autoscaling/v2beta2', metrics), hpa('autoscaling/v2', metrics), ['removed-api-version']);
    expectFixed(hpa('autoscaling/v2beta1', ''), hpa('autoscaling/v2', ''), ['removed-api-version']);
  });

  it('rewrites v2beta1 Resource metric targets', () => {
    expectFixed(
      hpa(
        'autoscaling/v2beta1',
        '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 60  # percent\n  - type: Resource\n    resource: {name: memory, targetAverageValue: 500Mi}\n',
      ),
      hpa(
        'autoscaling/v2',
        '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 60  # percent\n  - type: Resource\n    resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}\n',
      ),
      ['removed-api-version'],
    );
  });

  it('leaves a v2beta1 HPA with a Pods metric (its metric name and selector moved too)', () => {
    expectNotFixed(
      hpa('autoscaling/v2beta1', '  metrics:\n  - type: Pods\n    pods: {metricName: qps, targetAverageValue: "10"}\n'),
      'removed-api-version',
    );
  });
});

describe('what is not fixed', () => {
  const old = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n';

  it('a suppressed finding or a rule turned off', () => {
    expect(fixText(`# kubeplan-disable-next-line removed-api-version\n${old}`, FILE).files).toEqual([]);
    expect(fixText(old, FILE, { severities: { 'removed-api-version': 'off' } }).files).toEqual([]);
  });

  it('a removed API with no mechanical replacement (PodSecurityPolicy)', () => {
    expectNotFixed(
      'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {}\n',
      'removed-api-version',
    );
  });

  it('a document with a syntax error', () => {
    const broken = `${old}---\nkey: [unclosed\n`;
    const run = fixText(broken, FILE);
    // The first document is fine and fixed; the broken one is left as it is.
    expect(run.files.map((f) => f.output)).toEqual([broken.replace('batch/v1beta1', 'batch/v1')]);
  });
});

describe('JSON manifests', () => {
  it('stay JSON: new keys and words are quoted, one pair per line where the file has one pair per line', () => {
    const before = [
      '{',
      '  "apiVersion": "extensions/v1beta1",',
      '  "kind": "Ingress",',
      '  "metadata": {"name": "i"},',
      '  "spec": {',
      '    "rules": [{"http": {"paths": [',
      '      {',
      '        "path": "/",',
      '        "backend": {"serviceName": "web", "servicePort": 80}',
      '      }',
      '    ]}}]',
      '  }',
      '}',
      '',
    ].join('\n');
    const after = [
      '{',
      '  "apiVersion": "networking.k8s.io/v1",',
      '  "kind": "Ingress",',
      '  "metadata": {"name": "i"},',
      '  "spec": {',
      '    "rules": [{"http": {"paths": [',
      '      {',
      '        "path": "/",',
      '        "pathType": "ImplementationSpecific",',
      '        "backend": {"service": {"name": "web", "port": {"number": 80}}}',
      '      }',
      '    ]}}]',
      '  }',
      '}',
      '',
    ].join('\n');
    expectFixed(before, after, ['removed-api-version'], {});
    expect(JSON.parse(after)).toBeTypeOf('object');
    const deployment = (v: string, selector: string) =>
      `{"apiVersion": "${v}", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {${selector}"template": {"metadata": {"labels": {"app": "d"}}, "spec": {"containers": [{"name": "a", "image": "a:1"}]}}}}\n`;
    const fixed = deployment('apps/v1', '"selector": {"matchLabels": {"app": "d"}}, ');
    expectFixed(deployment('apps/v1beta1', ''), fixed, ['removed-api-version']);
    expect(JSON.parse(fixed).spec.selector).toEqual({ matchLabels: { app: 'd' } });
  });
});

describe('the migration table', () => {
  it('migrates each API to the replacement removed-api-version names, for a version it is removed in', () => {
    for (const m of MIGRATIONS) {
      for (const kind of m.kinds) {
        // Not every from × kind existed (there was no extensions/v1beta1 StatefulSet); those that did are removed.
        const known = m.from.map((from) => [from, apiVersionStatus(from, kind, DEFAULT_KUBE_VERSION)] as const);
        const removed = known.filter(([, s]) => s.status !== 'ok');
        expect(removed.length, `${kind} from ${m.from.join(', ')}`).toBeGreaterThan(0);
        for (const [from, s] of removed)
          expect([from, kind, s.status, s.replacement]).toEqual([from, kind, 'removed', m.to]);
      }
    }
  });

  it('renames APIs with the same fields (StorageClass, RBAC)', () => {
    const storage = (v: string) =>
      `apiVersion: ${v}\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: ebs.csi.aws.com\nreclaimPolicy: Delete\n`;
    expectFixed(storage('storage.k8s.io/v1beta1'), storage('storage.k8s.io/v1'), ['removed-api-version']);
    const binding = (v: string) =>
      `apiVersion: ${v}\nkind: RoleBinding\nmetadata: {name: read}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read}\nsubjects: [{kind: ServiceAccount, name: api}]\n`;
    expectFixed(binding('rbac.authorization.k8s.io/v1beta1'), binding('rbac.authorization.k8s.io/v1'), [
      'removed-api-version',
    ]);
  });
});
