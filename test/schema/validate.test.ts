import { describe, expect, it } from 'vitest';
import { brief, check, yaml } from './helpers.js';

const deployment = (specLines: string[]) =>
  yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', ...specLines);

/** A valid pod template (lines 1–7 of the spec when placed after `selector`). */
const template = (containerLines: string[] = []) => [
  '  template:',
  '    metadata:',
  '      labels: {app: web}',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: nginx:1.27',
  ...containerLines,
];

describe('valid manifests', () => {
  it('accepts a realistic multi-document application', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}, creationTimestamp: null}',
      'spec:',
      '  replicas: 3',
      '  selector: {matchLabels: {app: web}}',
      '  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      securityContext: {runAsNonRoot: true, fsGroup: 2000}',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          ports: [{name: http, containerPort: 8080, protocol: TCP}]',
      '          env: [{name: MODE, value: "yes"}, {name: PORT, value: "8080"}]',
      '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 1, memory: 0.5Gi}}',
      '          readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5}',
      '          livenessProbe: {tcpSocket: {port: 8080}}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      'spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: http, nodePort: 30080}]}',
      '---',
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata: {name: web}',
      'spec: {minAvailable: 50%, selector: {matchLabels: {app: web}}}',
      '---',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: web}',
      'spec:',
      '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
      '  minReplicas: 2',
      '  maxReplicas: 10',
      '  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]',
      '---',
      'apiVersion: autoscaling/v1',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: legacy}',
      'spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 3, targetCPUUtilizationPercentage: 80}',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata: {name: web, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}}',
      'spec:',
      '  ingressClassName: nginx',
      '  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: report}',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: r, image: busybox}]}}}}',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: creds}',
      'type: Opaque',
      'data: {password: aHVudGVyMg==}',
      'stringData: {user: admin}',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: deny}',
      'spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 80}]}]}',
    );
    expect(brief(check(text))).toEqual([]);
  });
});

describe('schema/unknown-field', () => {
  it('points at the key and suggests the field that was meant', () => {
    const findings = check(deployment(['  replica: 3', '  selector: {matchLabels: {app: web}}', ...template()]));
    expect(brief(findings)).toEqual([
      {
        ruleId: 'schema/unknown-field',
        line: 6,
        column: 3,
        message: 'spec.replica: unknown field (did you mean "replicas"?)',
      },
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      file: 'm.yaml',
      endLine: 6,
      endColumn: 10,
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
  });

  it('suggests by case and by transposition, and stays quiet when nothing is close', () => {
    const findings = check(
      deployment([
        '  Replicas: 3',
        '  selector: {matchLabels: {app: web}}',
        '  mniReadySeconds: 5',
        '  flavour: large',
        ...template(),
      ]),
    );
    expect(brief(findings)).toEqual([
      {
        ruleId: 'schema/unknown-field',
        line: 6,
        column: 3,
        message: 'spec.Replicas: unknown field (did you mean "replicas"?)',
      },
      {
        ruleId: 'schema/unknown-field',
        line: 8,
        column: 3,
        message: 'spec.mniReadySeconds: unknown field (did you mean "minReadySeconds"?)',
      },
      { ruleId: 'schema/unknown-field', line: 9, column: 3, message: 'spec.flavour: unknown field' },
    ]);
  });

  it('checks metadata and nested lists', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      '  lables: {app: p}',
      'spec:',
      '  containers:',
      '    - name: a',
      '      image: nginx',
      '      env:',
      '        - name: A',
      '          valueFrom: {secretKeyRef: {name: s, key: k, optinal: true}}',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/unknown-field',
        line: 5,
        column: 3,
        message: 'metadata.lables: unknown field (did you mean "labels"?)',
      },
      {
        ruleId: 'schema/unknown-field',
        line: 12,
        column: 55,
        message: 'spec.containers[0].env[0].valueFrom.secretKeyRef.optinal: unknown field (did you mean "optional"?)',
      },
    ]);
  });
});

describe('schema/type', () => {
  it('reports the expected and the actual type, at the value', () => {
    const findings = check(deployment(['  replicas: "3"', '  selector: {matchLabels: {app: web}}', ...template()]));
    expect(brief(findings)).toEqual([
      { ruleId: 'schema/type', line: 6, column: 13, message: 'spec.replicas: expected integer, got string "3"' },
    ]);
    expect(findings[0]).toMatchObject({ endLine: 6, endColumn: 16 });
  });

  it('reports a list written as a mapping once, not once per child', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '    name: a',
      '    image: nginx',
    );
    expect(brief(check(text))).toEqual([
      { ruleId: 'schema/type', line: 6, column: 5, message: 'spec.containers: expected array, got object' },
    ]);
  });

  it('int-or-string fields take integers and strings, and reject anything else in one finding', () => {
    const ok = check(
      deployment([
        '  selector: {matchLabels: {app: web}}',
        '  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}',
        ...template(),
      ]),
    );
    expect(ok).toEqual([]);
    const bad = check(
      deployment([
        '  selector: {matchLabels: {app: web}}',
        '  strategy: {rollingUpdate: {maxSurge: 1.5}}',
        ...template(),
      ]),
    );
    expect(brief(bad)).toEqual([
      {
        ruleId: 'schema/type',
        line: 7,
        column: 40,
        message: 'spec.strategy.rollingUpdate.maxSurge: expected integer or string, got number 1.5',
      },
    ]);
  });
});

describe('schema/yaml11-scalar', () => {
  it('explains YAML 1.1 booleans, octal and plain numbers where Kubernetes wants a string', () => {
    const findings = check(
      deployment([
        '  selector: {matchLabels: {app: web}}',
        ...template([
          '          env:',
          '            - name: DEBUG',
          '              value: yes',
          '            - name: PORT',
          '              value: 8080',
          '            - name: MODE',
          '              value: 0755',
          '            - name: QUOTED',
          '              value: "on"',
        ]),
      ]),
    );
    expect(brief(findings)).toEqual([
      {
        ruleId: 'schema/yaml11-scalar',
        line: 16,
        column: 22,
        message:
          'spec.template.spec.containers[0].env[0].value: yes is read by Kubernetes as the boolean true (YAML 1.1), but a string is expected; quote it: "yes"',
      },
      {
        ruleId: 'schema/yaml11-scalar',
        line: 18,
        column: 22,
        message:
          'spec.template.spec.containers[0].env[1].value: 8080 is read by Kubernetes as the number 8080, but a string is expected; quote it: "8080"',
      },
      {
        ruleId: 'schema/yaml11-scalar',
        line: 20,
        column: 22,
        message:
          'spec.template.spec.containers[0].env[2].value: 0755 is read by Kubernetes as the number 493 (YAML 1.1), but a string is expected; quote it: "0755"',
      },
    ]);
  });

  it('covers map values: labels, ConfigMap data', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: c',
      '  labels: {enabled: on}',
      'data:',
      '  country: NO',
      '  answer: y',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/yaml11-scalar',
        line: 5,
        column: 21,
        message:
          'metadata.labels.enabled: on is read by Kubernetes as the boolean true (YAML 1.1), but a string is expected; quote it: "on"',
      },
      {
        ruleId: 'schema/yaml11-scalar',
        line: 7,
        column: 12,
        message:
          'data.country: NO is read by Kubernetes as the boolean false (YAML 1.1), but a string is expected; quote it: "NO"',
      },
      {
        ruleId: 'schema/yaml11-scalar',
        line: 8,
        column: 11,
        message:
          'data.answer: y is read by Kubernetes as the boolean true (YAML 1.1), but a string is expected; quote it: "y"',
      },
    ]);
  });

  it('a non-plain scalar (an explicit tag) gets the plain type message', () => {
    const text = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  a: !!int "12"');
    expect(brief(check(text))).toEqual([
      { ruleId: 'schema/type', line: 5, column: 12, message: 'data.a: expected string, got number 12' },
    ]);
  });
});

describe('schema/required', () => {
  it('points at the key of the object that lacks the field', () => {
    const findings = check(deployment(['  replicas: 2', ...template()]));
    expect(brief(findings)).toEqual([
      { ruleId: 'schema/required', line: 5, column: 1, message: 'spec.selector: required field missing' },
    ]);
  });

  it('a field present without a value is reported at its own key', () => {
    const findings = check(deployment(['  selector:', ...template()]));
    expect(brief(findings)).toEqual([
      { ruleId: 'schema/required', line: 6, column: 3, message: 'spec.selector: required field has no value' },
    ]);
  });

  it('a misspelt required field is one finding, with the suggestion', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '    - nme: web',
      '      image: nginx',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/unknown-field',
        line: 6,
        column: 7,
        message: 'spec.containers[0].nme: unknown field (did you mean "name"?)',
      },
    ]);
  });

  it('apiVersion and kind must be present, non-empty strings', () => {
    expect(brief(check(yaml('kind: Pod', 'metadata: {name: p}')))).toEqual([
      { ruleId: 'schema/required', line: 1, column: 1, message: 'apiVersion: required field missing' },
    ]);
    expect(brief(check(yaml('metadata: {name: p}', 'apiVersion: v1', 'kind:')))).toEqual([
      { ruleId: 'schema/required', line: 3, column: 1, message: 'kind: required field has no value' },
    ]);
    expect(brief(check(yaml('apiVersion: v1', 'kind: 5')))).toEqual([
      { ruleId: 'schema/type', line: 2, column: 7, message: 'kind: expected string, got number 5' },
    ]);
  });
});

describe('schema/enum', () => {
  it('lists the allowed values and suggests the close one', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: s}',
      'spec:',
      '  type: Nodeport',
      '  ports: [{port: 80}]',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/enum',
        line: 5,
        column: 9,
        message:
          'spec.type: must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (got "Nodeport"); did you mean "NodePort"?',
      },
    ]);
  });

  it('a value of the wrong type gets the type finding only', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: s}',
      'spec:',
      '  type: 5',
      '  ports: [{port: 80, protocol: udp}]',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/yaml11-scalar',
        line: 5,
        column: 9,
        message: 'spec.type: 5 is read by Kubernetes as the number 5, but a string is expected; quote it: "5"',
      },
      {
        ruleId: 'schema/enum',
        line: 6,
        column: 32,
        message: 'spec.ports[0].protocol: must be one of "SCTP", "TCP", "UDP" (got "udp"); did you mean "UDP"?',
      },
    ]);
  });
});

describe('schema/format', () => {
  it('quantities: suggests the obvious fix', () => {
    const findings = check(
      deployment([
        '  selector: {matchLabels: {app: web}}',
        ...template([
          '          resources:',
          '            limits: {memory: 500mi, cpu: 2 cores}',
          '            requests: {memory: 1GB}',
        ]),
      ]),
    );
    expect(brief(findings)).toEqual([
      {
        ruleId: 'schema/format',
        line: 15,
        column: 30,
        message:
          'spec.template.spec.containers[0].resources.limits.memory: "500mi" is not a valid quantity; did you mean "500Mi"?',
      },
      {
        ruleId: 'schema/format',
        line: 15,
        column: 42,
        message:
          'spec.template.spec.containers[0].resources.limits.cpu: "2 cores" is not a valid quantity; did you mean "2"?',
      },
      {
        ruleId: 'schema/format',
        line: 16,
        column: 32,
        message:
          'spec.template.spec.containers[0].resources.requests.memory: "1GB" is not a valid quantity; did you mean "1Gi"?',
      },
    ]);
  });

  it('int32 ranges, base64 Secret data and RFC 3339 times', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: s, creationTimestamp: yesterday, deletionGracePeriodSeconds: 30}',
      'data:',
      '  password: hunter2!',
      '---',
      'apiVersion: apps/v1',
      'kind: ReplicaSet',
      'metadata: {name: r}',
      'spec: {replicas: 3000000000, selector: {}}',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/format',
        line: 3,
        column: 40,
        message: 'metadata.creationTimestamp: "yesterday" is not an RFC 3339 date-time such as "2024-01-31T12:00:00Z"',
      },
      {
        ruleId: 'schema/format',
        line: 5,
        column: 13,
        message:
          'data.password: "hunter2!" is not valid base64 (Secret data must be base64-encoded; put plain text under stringData)',
      },
      {
        ruleId: 'schema/format',
        line: 10,
        column: 18,
        message: 'spec.replicas: 3000000000 is out of range for int32 (-2147483648 to 2147483647)',
      },
    ]);
  });
});

describe('schema/unknown-kind', () => {
  const widget = yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}');

  it('is a warning by default and an error with strict', () => {
    const message =
      'no schema for example.com/v1 Widget: not a Kubernetes 1.36 kind; add its CustomResourceDefinition to the inputs or a schema with --schema-dir';
    expect(check(widget).map((f) => [f.ruleId, f.severity, f.line, f.column, f.message])).toEqual([
      ['schema/unknown-kind', 'warning', 2, 7, message],
    ]);
    expect(check(widget, { strict: true }).map((f) => [f.ruleId, f.severity])).toEqual([
      ['schema/unknown-kind', 'error'],
    ]);
  });

  it('suggests the apiVersion a kind lives in, or a close kind name', () => {
    expect(brief(check(yaml('apiVersion: app/v1', 'kind: Deployment', 'metadata: {name: d}')))).toEqual([
      {
        ruleId: 'schema/unknown-kind',
        line: 1,
        column: 13,
        message: 'no schema for app/v1 Deployment: did you mean apiVersion "apps/v1"?',
      },
    ]);
    expect(brief(check(yaml('apiVersion: v1', 'kind: Configmap', 'metadata: {name: c}')))).toEqual([
      {
        ruleId: 'schema/unknown-kind',
        line: 2,
        column: 7,
        message: 'no schema for v1 Configmap: did you mean kind "ConfigMap"?',
      },
    ]);
  });

  it('suggests the apiVersion the target Kubernetes serves, never a removed one', () => {
    // extensions/v1beta1 Deployment, no longer served since 1.16, is closer in spelling to v1 than apps/v1 is.
    const deployment = yaml('apiVersion: v1', 'kind: Deployment', 'metadata: {name: d}');
    expect(brief(check(deployment)).map((f) => f.message)).toEqual([
      'no schema for v1 Deployment: did you mean apiVersion "apps/v1"?',
    ]);
    const ingress = yaml('apiVersion: v1', 'kind: Ingress', 'metadata: {name: i}');
    expect(brief(check(ingress)).map((f) => f.message)).toEqual([
      'no schema for v1 Ingress: did you mean apiVersion "networking.k8s.io/v1"?',
    ]);
  });
});

describe('null list items', () => {
  // The API server's JSON decoder (sigs.k8s.io/json, as encoding/json) leaves a null []string item at "": not rejected.
  it('reads a null item in a list of strings as "" (no type error)', () => {
    const text = deployment([
      '  selector: {matchLabels: {app: web}}',
      ...template([
        '          securityContext:',
        '            capabilities:',
        '              drop:',
        '                -',
        '                - ALL',
      ]),
    ]);
    expect(brief(check(text))).toEqual([]);
  });

  it("still rejects a null item where an object is required, at the item's own line", () => {
    const text = deployment([
      '  selector: {matchLabels: {app: web}}',
      ...template(['          ports:', '            -', '            - containerPort: 80']),
    ]);
    const findings = brief(check(text));
    expect(findings.length).toBeGreaterThan(0);
    // Line 15 is the `-` of the empty item (deployment lines 1–5, selector 6, template 7–13, ports 14).
    expect(findings.every((f) => f.line === 15)).toBe(true);
  });
});

describe('volume control', () => {
  it('caps the findings of one object and says how many were left out', () => {
    const fields = Array.from({ length: 60 }, (_, i) => `  field${i}: ${i}`);
    const findings = check(yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', ...fields));
    expect(findings).toHaveLength(51);
    expect(findings.slice(0, 50).every((f) => f.ruleId === 'schema/unknown-field')).toBe(true);
    expect(findings[50]).toMatchObject({
      ruleId: 'schema/too-many-errors',
      severity: 'info',
      message: '10 more schema problems in this object are not shown',
    });
  });

  it('locates problems inside List items', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata: {name: s}',
      '    spec: {ports: [{port: http}]}',
    );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/type',
        line: 7,
        column: 27,
        message: 'spec.ports[0].port: expected integer, got string "http"',
      },
    ]);
  });
});
