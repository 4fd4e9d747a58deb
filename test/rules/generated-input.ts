/**
 * Generated inputs at scale for the rules: N Deployments and N Services spread over 10 namespaces,
 * with a fixed mix of findings, so a test can check the counts and a profiler can time every rule.
 *
 * Deployment i (namespace team-(i % 10), pods labelled {app: app-i, tier: web}):
 * - replicas 1 when i % 4 == 0, else 3; a topology spread constraint on its own pods when i % 5 == 0;
 * - container "app": image untagged when i % 10 == 9 (else :1.x), port http/8080, a readiness probe
 *   unless i % 3 == 0, a liveness probe when i % 2 == 0, resources (cpu and memory requests, a memory
 *   limit) unless i % 6 == 0, and a hardened securityContext when i % 2 == 0 (none otherwise).
 * Service i selects {app: app-i}, or {app: app-i-old} (no pods) when i % 7 == 6, and targets the port
 * named http, or "web" (declared by no container) when i % 11 == 10.
 */

export const NAMESPACES = 10;

export function deployment(i: number): string {
  const name = `app-${i}`;
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: team-${i % NAMESPACES}}`,
    'spec:',
    `  replicas: ${i % 4 === 0 ? 1 : 3}`,
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, tier: web}}`,
    '    spec:',
  ];
  if (i % 5 === 0) {
    lines.push(
      `      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: ${name}}}}]`,
    );
  }
  lines.push(
    '      containers:',
    '      - name: app',
    `        image: registry.example.com/${name}${i % 10 === 9 ? '' : `:1.${i % 10}`}`,
    '        ports: [{name: http, containerPort: 8080}]',
  );
  if (i % 3 !== 0) lines.push('        readinessProbe: {httpGet: {path: /ready, port: http}}');
  if (i % 2 === 0) lines.push('        livenessProbe: {httpGet: {path: /live, port: http}}');
  if (i % 6 !== 0) lines.push('        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}');
  if (i % 2 === 0) {
    lines.push(
      '        securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function service(i: number): string {
  const name = `app-${i}`;
  return [
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: ${name}, namespace: team-${i % NAMESPACES}}`,
    'spec:',
    `  selector: {app: ${i % 7 === 6 ? `${name}-old` : name}}`,
    `  ports: [{name: http, port: 80, targetPort: ${i % 11 === 10 ? 'web' : 'http'}}]`,
    '',
  ].join('\n');
}

/** `count` Deployments then `count` Services, as one multi-document YAML text. */
export function deploymentsAndServices(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) docs.push(deployment(i));
  for (let i = 0; i < count; i++) docs.push(service(i));
  return docs.join('---\n');
}
