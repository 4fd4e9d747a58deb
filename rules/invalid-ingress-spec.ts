/**
 * networking.k8s.io/v1 Ingress specs the API server rejects at create time: ValidateIngressSpec,
 * validateIngressRules, validateHTTPIngressPath, validateIngressBackend and validateIngressTLS (kubernetes
 * pkg/apis/networking/validation/validation.go, 1.3x line). networking/v1 has no defaulting for these fields.
 */
import type { JsonPath } from '../src/core/types.js';
import { fieldError } from '../src/k8s/field-errors.js';
import { parseIP } from '../src/k8s/ip.js';
import { dns1035Label, dns1123Subdomain, pathSegmentName, portName, portNumber } from '../src/k8s/names.js';
import type { Report, Rule } from '../src/rules/types.js';
import { isObj, type Obj } from '../src/core/values.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
/** invalidPathSequences / invalidPathSuffixes of the upstream package (Exact and Prefix paths only). */
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const WILDCARD_DNS1123 =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

type Emit = (path: JsonPath, message: string, upstream: string, target?: Report['target']) => void;

const rule: Rule = {
  id: 'invalid-ingress-spec',
  severity: 'error',
  category: 'validation',
  description: 'Ingress spec the API server would reject',
  rationale: [
    'The API server rejects an Ingress with neither `rules` nor `defaultBackend`; a rule host that is an IP address,',
    'not a DNS name, or a wildcard other than a leading `*.`; an `Exact` or `Prefix` path that is not absolute or',
    'contains `//`, `/./`, `/../` or `%2F` or ends in `/.` or `/..`; an `ImplementationSpecific` path that is not',
    'empty or absolute; a backend with both or neither of `service` and `resource`, or with both or neither of a',
    'port name and number; and a Service name that is not a DNS-1035 label. `kubectl apply` fails and the routes',
    'are not published.',
  ].join('\n'),
  howToFix:
    'Start every path with `/`, use DNS host names (`*.example.com` for wildcards), and give each backend one Service with one port.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/',
  ],
  examples: {
    bad: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: shop',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '',
    ].join('\n'),
    good: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: shop',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.kind !== 'Ingress' || m.ref.apiVersion !== 'networking.k8s.io/v1' || !isObj(m.object.spec)) continue;
      const emit: Emit = (path, message, upstream, target) =>
        context.report({ manifest: m, path, message: `${message} (${upstream})`, ...(target ? { target } : {}) });
      checkSpec(m.object.spec, emit);
    }
  },
};

function checkSpec(spec: Obj, emit: Emit): void {
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  if (rules.length === 0 && !isObj(spec.defaultBackend))
    emit(
      ['spec'],
      fieldError.invalid(['spec'], rules, 'either `defaultBackend` or `rules` must be specified'),
      'ValidateIngressSpec',
      'key',
    );
  if (isObj(spec.defaultBackend)) backend(spec.defaultBackend, ['spec', 'defaultBackend'], emit);
  rules.forEach((r, i) => {
    if (!isObj(r)) return;
    const path = ['spec', 'rules', i];
    if (typeof r.host === 'string' && r.host !== '') host(r.host, [...path, 'host'], 'validateIngressRules', emit);
    if (!isObj(r.http)) return;
    const paths = r.http.paths;
    if (Array.isArray(paths) && paths.length === 0)
      emit(
        [...path, 'http', 'paths'],
        fieldError.required([...path, 'http', 'paths']),
        'validateHTTPIngressRuleValue',
        'key',
      );
    if (!Array.isArray(paths)) return;
    paths.forEach((p, j) => {
      if (isObj(p)) httpPath(p, [...path, 'http', 'paths', j], emit);
    });
  });
  if (Array.isArray(spec.tls))
    spec.tls.forEach((t, i) => {
      if (!isObj(t) || !Array.isArray(t.hosts)) return;
      t.hosts.forEach((h, j) => {
        if (typeof h === 'string') tlsHost(h, ['spec', 'tls', i, 'hosts', j], emit);
      });
    });
  if (typeof spec.ingressClassName === 'string')
    for (const msg of dns1123Subdomain(spec.ingressClassName))
      emit(
        ['spec', 'ingressClassName'],
        fieldError.invalid(['spec', 'ingressClassName'], spec.ingressClassName, msg),
        'ValidateIngressSpec',
      );
}

function host(value: string, path: JsonPath, fn: string, emit: Emit): void {
  if (parseIP(value)) emit(path, fieldError.invalid(path, value, 'must be a DNS name, not an IP address'), fn);
  if (value.includes('*')) {
    if (!isWildcardSubdomain(value)) emit(path, fieldError.invalid(path, value, WILDCARD_DNS1123), fn);
  } else for (const msg of dns1123Subdomain(value)) emit(path, fieldError.invalid(path, value, msg), fn);
}

/** validateIngressTLS: TLS hosts follow the same DNS rules (without the IP check). */
function tlsHost(value: string, path: JsonPath, emit: Emit): void {
  if (value.includes('*')) {
    if (!isWildcardSubdomain(value))
      emit(path, fieldError.invalid(path, value, WILDCARD_DNS1123), 'validateIngressTLS');
  } else
    for (const msg of dns1123Subdomain(value)) emit(path, fieldError.invalid(path, value, msg), 'validateIngressTLS');
}

/** IsWildcardDNS1123Subdomain: `*.` followed by a DNS-1123 subdomain, 253 characters in all. */
function isWildcardSubdomain(value: string): boolean {
  return value.length <= 253 && value.startsWith('*.') && dns1123Subdomain(value.slice(2)).length === 0;
}

function httpPath(p: Obj, path: JsonPath, emit: Emit): void {
  const FN = 'validateHTTPIngressPath';
  const type = p.pathType;
  const text = typeof p.path === 'string' ? p.path : '';
  const pathAt = [...path, 'path'];
  const at = p.path === undefined ? path : pathAt;
  if (type === 'Exact' || type === 'Prefix') {
    if (!text.startsWith('/')) emit(at, fieldError.invalid(pathAt, text, 'must be an absolute path'), FN);
    if (text !== '') {
      for (const seq of INVALID_SEQUENCES)
        if (text.includes(seq)) emit(at, fieldError.invalid(pathAt, text, `must not contain '${seq}'`), FN);
      for (const suffix of INVALID_SUFFIXES)
        if (text.endsWith(suffix)) emit(at, fieldError.invalid(pathAt, text, `cannot end with '${suffix}'`), FN);
    }
  } else if (type === 'ImplementationSpecific') {
    if (text !== '' && !text.startsWith('/'))
      emit(at, fieldError.invalid(pathAt, text, 'must be an absolute path'), FN);
  } else if (typeof type !== 'string' || !PATH_TYPES.includes(type)) {
    // Missing (networking/v1 requires it) or unknown: the schema reports it. Upstream stops here when it is missing.
    if (type === undefined || type === null) return;
  }
  if (isObj(p.backend)) backend(p.backend, [...path, 'backend'], emit);
}

function backend(b: Obj, path: JsonPath, emit: Emit): void {
  const FN = 'validateIngressBackend';
  const hasResource = isObj(b.resource);
  const hasService = isObj(b.service);
  if (hasResource && hasService) {
    emit(path, fieldError.invalid(path, '', 'cannot set both resource and service backends'), FN, 'key');
    return;
  }
  if (hasResource) {
    const ref = b.resource as Obj;
    for (const key of ['kind', 'name'] as const) {
      const value = ref[key];
      const at = [...path, 'resource', key];
      if (value === '') emit(at, fieldError.required(at), FN);
      else if (typeof value === 'string')
        for (const msg of pathSegmentName(value)) emit(at, fieldError.invalid(at, value, msg), FN);
    }
    if (typeof ref.apiGroup === 'string' && ref.apiGroup !== '')
      for (const msg of dns1123Subdomain(ref.apiGroup))
        emit(
          [...path, 'resource', 'apiGroup'],
          fieldError.invalid([...path, 'resource', 'apiGroup'], ref.apiGroup, msg),
          FN,
        );
    return;
  }
  if (!hasService) {
    emit(path, fieldError.invalid(path, '', 'resource or service backend is required'), FN, 'key');
    return;
  }
  const service = b.service as Obj;
  const name = service.name;
  const namePath = [...path, 'service', 'name'];
  if (name === '') emit(namePath, fieldError.required(namePath), FN);
  else if (typeof name === 'string')
    for (const msg of dns1035Label(name)) emit(namePath, fieldError.invalid(namePath, name, msg), FN);
  const port = isObj(service.port) ? service.port : {};
  const portName_ = typeof port.name === 'string' ? port.name : '';
  const portNum = typeof port.number === 'number' ? port.number : 0;
  if (portName_ !== '' && portNum !== 0) {
    emit(
      [...path, 'service', 'port'],
      fieldError.invalid(path, '', 'cannot set both port name & port number'),
      FN,
      'key',
    );
  } else if (portName_ !== '') {
    const at = [...path, 'service', 'port', 'name'];
    for (const msg of portName(portName_)) emit(at, fieldError.invalid(at, portName_, msg), FN);
  } else if (portNum !== 0) {
    const at = [...path, 'service', 'port', 'number'];
    for (const msg of portNumber(portNum)) emit(at, fieldError.invalid(at, portNum, msg), FN);
  } else {
    emit(
      isObj(service.port) ? [...path, 'service', 'port'] : [...path, 'service'],
      fieldError.required(path, 'port name or number is required'),
      FN,
      'key',
    );
  }
}

export default rule;
