/**
 * Service specs the API server rejects at create time: validateService, ValidateServiceClusterIPsRelatedFields,
 * validateServiceExternalTrafficPolicy and validateClientIPAffinityConfig (kubernetes
 * pkg/apis/core/validation/validation.go, 1.3x line), on the object as SetDefaults_Service and the Service REST
 * strategy leave it: type ClusterIP, sessionAffinity None, port protocol TCP, and `clusterIPs` filled from
 * `clusterIP` (and back). Port numbers, port names and duplicate ports are `invalid-port`'s.
 */
import type { JsonPath, Manifest } from '../src/core/types.js';
import { defaultService } from '../src/k8s/defaults.js';
import { fieldError } from '../src/k8s/field-errors.js';
import { INVALID_CIDR, INVALID_IP, parseIP, isValidCIDR, specialIPProblems } from '../src/k8s/ip.js';
import { dns1123Subdomain, qualifiedName } from '../src/k8s/names.js';
import type { Report, Rule } from '../src/rules/types.js';
import { getIn, isObj } from '../src/core/values.js';

/** core.MaxClientIPServiceAffinitySeconds. */
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";

type Emit = (path: JsonPath, message: string, upstream: string, target?: Report['target']) => void;

const rule: Rule = {
  id: 'invalid-service-spec',
  severity: 'error',
  category: 'validation',
  description: 'Service spec the API server would reject',
  rationale: [
    'The API server rejects a Service whose fields contradict its `type`: an ExternalName Service without a valid',
    '`externalName` or with a `clusterIP`, IP families or an IP family policy; a headless (`clusterIP: None`) NodePort',
    'or LoadBalancer Service; a `nodePort` on a ClusterIP Service; `loadBalancerSourceRanges`, `loadBalancerClass` or',
    '`allocateLoadBalancerNodePorts` on anything but a LoadBalancer; `externalTrafficPolicy` on a Service that is not',
    'reachable from outside the cluster; a `healthCheckNodePort` without LoadBalancer and `externalTrafficPolicy:',
    'Local`; `sessionAffinityConfig` without ClientIP affinity. It also rejects a Service without ports (unless',
    'headless or ExternalName), malformed cluster and external IPs, CIDRs and `appProtocol` values, and two ports',
    'with the same node port and protocol. `kubectl apply` fails and nothing routes to the pods.',
  ].join('\n'),
  howToFix: 'Remove the fields that do not apply to the Service `type`, or change the `type` to the one they need.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '      nodePort: 30080',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  type: NodePort',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '      nodePort: 30080',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.kind !== 'Service' || m.ref.apiVersion !== 'v1' || !isObj(m.object.spec)) continue;
      const emit: Emit = (path, message, upstream, target) =>
        context.report({
          manifest: m,
          path: located(m, path),
          message: `${message} (${upstream})`,
          ...(target ? { target } : {}),
        });
      checkService(m, emit);
    }
  },
};

/** The longest prefix of `path` present in the manifest, so a finding on a defaulted field lands on its parent. */
function located(m: Manifest, path: JsonPath): JsonPath {
  for (let n = path.length; n > 0; n--) if (getIn(m.object, path.slice(0, n)) !== undefined) return path.slice(0, n);
  return [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function checkService(m: Manifest, emit: Emit): void {
  const FN = 'validateService';
  const spec = defaultService(m.object).spec as Record<string, unknown>;
  const type = spec.type;
  // The REST strategy fills clusterIPs from clusterIP (and clusterIP from clusterIPs) before validation.
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  let clusterIPs = strings(spec.clusterIPs);
  if (clusterIP !== '' && clusterIPs.length === 0) clusterIPs = [clusterIP];
  const clusterIPPath: JsonPath = Array.isArray(spec.clusterIPs) ? ['spec', 'clusterIPs'] : ['spec', 'clusterIP'];
  const headless = clusterIPs.length === 1 && clusterIPs[0] === 'None';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];

  if (ports.length === 0 && !headless && type !== 'ExternalName')
    emit(['spec', 'ports'], fieldError.required(['spec', 'ports']), FN, 'key');

  if ((type === 'LoadBalancer' || type === 'NodePort') && headless)
    emit(
      clusterIPPath,
      fieldError.invalid(['spec', 'clusterIPs', 0], 'None', `may not be set to 'None' for ${type} services`),
      FN,
    );
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0)
      emit(
        clusterIPPath,
        fieldError.forbidden(['spec', 'clusterIPs'], 'may not be set for ExternalName services'),
        FN,
        'key',
      );
    if (strings(spec.ipFamilies).length > 0)
      emit(
        ['spec', 'ipFamilies'],
        fieldError.forbidden(['spec', 'ipFamilies'], 'may not be set for ExternalName services'),
        FN,
        'key',
      );
    if (typeof spec.ipFamilyPolicy === 'string')
      emit(
        ['spec', 'ipFamilyPolicy'],
        fieldError.forbidden(['spec', 'ipFamilyPolicy'], 'may not be set for ExternalName services'),
        FN,
        'key',
      );
    // The CNAME may end in a dot (fully qualified).
    const externalName = typeof spec.externalName === 'string' ? spec.externalName : '';
    const cname = externalName.endsWith('.') ? externalName.slice(0, -1) : externalName;
    if (cname === '') emit(['spec', 'externalName'], fieldError.required(['spec', 'externalName']), FN);
    else
      for (const msg of dns1123Subdomain(cname))
        emit(['spec', 'externalName'], fieldError.invalid(['spec', 'externalName'], cname, msg), FN);
  } else {
    clusterIPsRelated(spec, clusterIP, clusterIPs, clusterIPPath, emit);
  }

  ports.forEach((p, i) => {
    if (!isObj(p) || typeof p.appProtocol !== 'string') return;
    const path = ['spec', 'ports', i, 'appProtocol'];
    for (const msg of qualifiedName(p.appProtocol))
      emit(path, fieldError.invalid(path, p.appProtocol, msg), 'validateServicePort');
  });

  // Session affinity: ClientIP gets a default config (SetDefaults_Service); None may not carry one.
  if (spec.sessionAffinity === 'None' && isObj(spec.sessionAffinityConfig))
    emit(
      ['spec', 'sessionAffinityConfig'],
      fieldError.forbidden(['spec', 'sessionAffinityConfig'], 'must not be set when session affinity is None'),
      FN,
      'key',
    );
  if (spec.sessionAffinity === 'ClientIP') {
    const path = ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'];
    const timeout = getIn(spec, path.slice(1));
    if (typeof timeout === 'number' && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS))
      emit(
        path,
        fieldError.invalid(path, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`),
        'validateClientIPAffinityConfig',
      );
  }

  strings(spec.externalIPs).forEach((ip, i) => {
    const path = ['spec', 'externalIPs', i];
    const parsed = parseIP(ip);
    if (!parsed) emit(path, fieldError.invalid(path, ip, INVALID_IP), FN);
    else for (const msg of specialIPProblems(ip, parsed)) emit(path, fieldError.invalid(path, ip, msg), FN);
  });

  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (isObj(p) && typeof p.nodePort === 'number' && p.nodePort !== 0)
        emit(
          ['spec', 'ports', i, 'nodePort'],
          fieldError.forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'"),
          FN,
          'key',
        );
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p) || typeof p.nodePort !== 'number' || p.nodePort === 0) return;
    const key = `${String(p.protocol)}/${p.nodePort}`;
    if (nodePorts.has(key))
      emit(['spec', 'ports', i, 'nodePort'], fieldError.duplicate(['spec', 'ports', i, 'nodePort'], p.nodePort), FN);
    nodePorts.add(key);
  });

  const ranges = strings(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    // Upstream names this path with a capital L.
    if (type !== 'LoadBalancer')
      emit(
        ['spec', 'loadBalancerSourceRanges'],
        fieldError.forbidden(['spec', 'LoadBalancerSourceRanges'], LB_ONLY),
        FN,
        'key',
      );
    ranges.forEach((value, i) => {
      // Space padding is tolerated (a leftover of the annotation form).
      if (!isValidCIDR(value.trim()))
        emit(
          ['spec', 'loadBalancerSourceRanges', i],
          fieldError.invalid(['spec', 'LoadBalancerSourceRanges', i], value.trim(), INVALID_CIDR),
          FN,
        );
    });
  }
  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer')
    emit(
      ['spec', 'allocateLoadBalancerNodePorts'],
      fieldError.forbidden(['spec', 'allocateLoadBalancerNodePorts'], LB_ONLY),
      FN,
      'key',
    );
  if (typeof spec.loadBalancerClass === 'string') {
    const path = ['spec', 'loadBalancerClass'];
    if (type !== 'LoadBalancer')
      emit(path, fieldError.forbidden(path, LB_ONLY), 'validateLoadBalancerClassField', 'key');
    else
      for (const msg of qualifiedName(spec.loadBalancerClass))
        emit(path, fieldError.invalid(path, spec.loadBalancerClass, msg), 'validateLoadBalancerClassField');
  }

  // validateServiceExternalTrafficPolicy (apiservice.ExternallyAccessible: NodePort, LoadBalancer, or external IPs).
  const ETP = 'validateServiceExternalTrafficPolicy';
  const externallyAccessible =
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && strings(spec.externalIPs).length > 0);
  if (!externallyAccessible && typeof spec.externalTrafficPolicy === 'string' && spec.externalTrafficPolicy !== '')
    emit(
      ['spec', 'externalTrafficPolicy'],
      fieldError.invalid(
        ['spec', 'externalTrafficPolicy'],
        spec.externalTrafficPolicy,
        'may only be set for externally-accessible services',
      ),
      ETP,
    );
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0) {
    const path = ['spec', 'healthCheckNodePort'];
    if (type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local')
      emit(
        path,
        fieldError.invalid(
          path,
          spec.healthCheckNodePort,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
        ETP,
      );
  }
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** ValidateServiceClusterIPsRelatedFields, minus what only an update can get wrong. */
function clusterIPsRelated(
  spec: Record<string, unknown>,
  clusterIP: string,
  clusterIPs: string[],
  clusterIPPath: JsonPath,
  emit: Emit,
): void {
  const FN = 'ValidateServiceClusterIPsRelatedFields';
  const given = strings(spec.clusterIPs);
  if (clusterIP !== '' && given.length > 0 && given[0] !== clusterIP)
    emit(
      ['spec', 'clusterIPs'],
      fieldError.invalid(['spec', 'clusterIPs'], given, 'first value must match `clusterIP`'),
      FN,
    );
  const families = strings(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (seen.has(f)) emit(['spec', 'ipFamilies', i], fieldError.duplicate(['spec', 'ipFamilies', i], f), FN);
    seen.add(f);
  });
  let badIP = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        badIP = true;
        emit(
          clusterIPPath,
          fieldError.invalid(['spec', 'clusterIPs'], clusterIPs, "'None' must be the first and only value"),
          FN,
        );
      }
      return;
    }
    if (!parseIP(ip)) {
      badIP = true;
      const at = clusterIPPath[1] === 'clusterIPs' ? [...clusterIPPath, i] : clusterIPPath;
      emit(at, fieldError.invalid(['spec', 'clusterIPs', i], ip, INVALID_IP), FN);
    }
  });
  if (clusterIPs.length > 2)
    emit(clusterIPPath, fieldError.invalid(['spec', 'clusterIPs'], clusterIPs, 'may only hold up to 2 values'), FN);
  if (badIP || clusterIPs.length < 2) return;
  // IsDualStackIPStrings: two cluster IPs must be one of each family.
  const v6 = clusterIPs.filter((ip) => parseIP(ip)?.family === 6).length;
  if (v6 === 0 || v6 === clusterIPs.length)
    emit(
      clusterIPPath,
      fieldError.invalid(['spec', 'clusterIPs'], clusterIPs, 'may specify no more than one IP for each IP family'),
      FN,
    );
}

export default rule;
