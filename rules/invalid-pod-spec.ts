/**
 * A pod spec the API server would reject, beyond its containers one by one (ValidatePodSpec, validateContainers and
 * validateInitContainers for names, ValidateVolumes, validatePodHostNetworkDeps, checkHostPortConflicts,
 * validateWindowsHostProcessPod, validateHostUsers, validatePodSpecSecurityContext, validatePodDNSConfig,
 * validateTopologySpreadConstraints, ValidateTolerations, validateAffinity in pkg/apis/core/validation/validation.go),
 * for bare Pods and every pod template, each finding in the API server's words.
 */
import { defaultPodSpec } from '../src/k8s/defaults.js';
import {
  fieldError,
  inclusiveRangeError,
  jsonPath,
  MAX_INT32,
  type FieldEmit,
  type FieldSegment,
} from '../src/k8s/field-errors.js';
import { dns1123Label } from '../src/k8s/names.js';
import type { Rule } from '../src/rules/types.js';
import { isObj, type Obj } from '../src/core/values.js';
import { podTemplatesOf, type PodTemplate } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'invalid-pod-spec',
  severity: 'error',
  category: 'validation',
  description: 'Pod spec (names, host ports, host namespaces, DNS, spreading, tolerations) the API server would reject',
  rationale: [
    'The API server rejects a pod, and every pod a workload would create, when its spec:',
    '',
    '- names two containers alike (init and app containers share one namespace of names) or two volumes alike, or',
    '  gives a volume a name that is not a DNS-1123 label;',
    '- uses `hostNetwork: true` with a `hostPort` other than the `containerPort`, or asks twice for the same host',
    '  port (protocol, hostIP and port) across its containers;',
    '- mixes Windows `hostProcess` containers with others, or runs them without `hostNetwork: true`, or sets',
    '  `hostProcess` differently on the pod and a container;',
    '- sets `hostUsers: false` together with `hostNetwork`, `hostPID` or `hostIPC`, or `shareProcessNamespace` with',
    '  `hostPID`;',
    '- has `activeDeadlineSeconds` outside 1–2147483647;',
    '- uses `dnsPolicy: None` without `dnsConfig.nameservers`, or more than 3 nameservers;',
    '- has a topology spread constraint with `maxSkew` below 1, a `minDomains` below 1 or with',
    '  `whenUnsatisfiable: ScheduleAnyway`, or two constraints on the same topologyKey and whenUnsatisfiable;',
    '- has a toleration without a key whose operator is not `Exists`, an `Exists` toleration with a value, or',
    '  `tolerationSeconds` on an effect other than `NoExecute`;',
    '- gives a preferred affinity term a weight outside 1–100, or a pod affinity term no `topologyKey`.',
    '',
    'For workloads these errors surface only when the controller creates pods (a Deployment then never gets any),',
    'so they are errors there too.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
  ],
  howToFix:
    'Fix the field the finding names: give every container and volume its own name, let `hostPort` equal `containerPort` under `hostNetwork`, use `operator: Exists` for a toleration without a key.',
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '    - name: api',
      '      image: registry.example.com/shop/proxy:2.0.1',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '    - name: proxy',
      '      image: registry.example.com/shop/proxy:2.0.1',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const template of podTemplatesOf(context.manifests)) {
      const emit: FieldEmit = (path, message, target = 'value') =>
        context.report({ manifest: template.manifest, path: jsonPath(path), message, target });
      checkPodSpec(template, emit);
    }
  },
};

function checkPodSpec(template: PodTemplate, emit: FieldEmit) {
  const spec = template.spec;
  const base = template.specPath as FieldSegment[];
  containerNames(spec, base, emit);
  volumes(spec.volumes, [...base, 'volumes'], emit);
  hostNetworkPorts(spec, base, emit);
  hostPortConflicts(defaultPodSpec(spec), base, emit);
  hostProcess(spec, base, emit);
  hostNamespaces(spec, base, emit);

  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32))
    emit(
      [...base, 'activeDeadlineSeconds'],
      fieldError.invalid([...base, 'activeDeadlineSeconds'], deadline, inclusiveRangeError(1, MAX_INT32)),
    );
  dnsConfig(spec, base, emit);
  topologySpread(spec.topologySpreadConstraints, [...base, 'topologySpreadConstraints'], emit);
  tolerations(spec.tolerations, [...base, 'tolerations'], emit);
  affinity(spec.affinity, [...base, 'affinity'], emit);
}

/** validateContainers / validateInitContainers: names unique among app containers, and init against both. */
function containerNames(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  const names = new Set<string>();
  const visit = (list: 'containers' | 'initContainers') => {
    const items = spec[list];
    if (!Array.isArray(items)) return;
    items.forEach((c, i) => {
      if (!isObj(c) || typeof c.name !== 'string' || c.name === '') return;
      const path = [...base, list, i, 'name'];
      if (names.has(c.name)) emit(path, fieldError.duplicate(path, c.name));
      else names.add(c.name);
    });
  };
  visit('containers');
  visit('initContainers');
}

/** ValidateVolumes: each name a DNS-1123 label, unique. */
function volumes(list: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  const names = new Set<string>();
  list.forEach((v, i) => {
    if (!isObj(v) || typeof v.name !== 'string' || v.name === '') return; // a missing name is the schema's
    const path = [...base, i, 'name'];
    const errs = dns1123Label(v.name);
    if (errs.length > 0) for (const e of errs) emit(path, fieldError.invalid(path, v.name, e));
    else if (names.has(v.name)) emit(path, fieldError.duplicate(path, v.name));
    else names.add(v.name);
  });
}

/**
 * validatePodHostNetworkDeps: with hostNetwork a written hostPort must equal the containerPort (in a template an
 * unset hostPort is allowed: the pod's defaulting copies the containerPort in; in a Pod it has been copied already).
 */
function hostNetworkPorts(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  if (spec.hostNetwork !== true || !Array.isArray(spec.containers)) return;
  spec.containers.forEach((c, i) => {
    if (!isObj(c) || !Array.isArray(c.ports)) return;
    c.ports.forEach((p, j) => {
      if (!isObj(p) || typeof p.hostPort !== 'number' || p.hostPort === 0 || p.hostPort === p.containerPort) return;
      const path = [...base, 'containers', i, 'ports', j, 'hostPort'];
      emit(path, fieldError.invalid(path, p.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
    });
  });
}

/**
 * checkHostPortConflicts: a protocol/hostIP/hostPort may be taken once among the app containers, and once within
 * each init container (they run one by one). On the defaulted spec: under hostNetwork the pod's hostPort is its
 * containerPort.
 */
function hostPortConflicts(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  const check = (list: 'containers' | 'initContainers', shared: boolean) => {
    const items = spec[list];
    if (!Array.isArray(items)) return;
    let seen = new Set<string>();
    items.forEach((c, i) => {
      if (!shared) seen = new Set<string>();
      if (!isObj(c) || !Array.isArray(c.ports)) return;
      c.ports.forEach((p, j) => {
        if (!isObj(p) || typeof p.hostPort !== 'number' || p.hostPort === 0) return;
        const key = `${typeof p.protocol === 'string' ? p.protocol : 'TCP'}/${typeof p.hostIP === 'string' ? p.hostIP : ''}/${p.hostPort}`;
        const path = [...base, list, i, 'ports', j, 'hostPort'];
        if (seen.has(key)) emit(path, fieldError.duplicate(path, key));
        else seen.add(key);
      });
    });
  };
  check('containers', true);
  check('initContainers', false);
}

/** validateWindowsHostProcessPod. */
function hostProcess(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  const podValue = getBool(spec.securityContext, ['windowsOptions', 'hostProcess']);
  let containers = 0;
  let hostProcessContainers = 0;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      if (!isObj(c)) return;
      containers++;
      const value = getBool(c.securityContext, ['windowsOptions', 'hostProcess']);
      if (podValue !== undefined && value !== undefined && podValue !== value) {
        const path = [...base, list, i, 'securityContext', 'windowsOptions', 'hostProcess'];
        emit(
          path,
          fieldError.invalid(
            path,
            value,
            `pod hostProcess value must be identical if both are specified, was ${podValue}`,
          ),
        );
      }
      if (value === true || (value === undefined && podValue === true)) hostProcessContainers++;
    });
  }
  if (hostProcessContainers === 0) return;
  if (hostProcessContainers !== containers)
    emit(
      base,
      fieldError.invalid(
        base,
        '',
        'If pod contains any hostProcess containers then all containers must be HostProcess containers',
      ),
      'key',
    );
  if (spec.hostNetwork !== true)
    emit(
      [...base, 'hostNetwork'],
      fieldError.invalid(
        [...base, 'hostNetwork'],
        false,
        'hostNetwork must be true if pod contains any hostProcess containers',
      ),
    );
}

function getBool(o: unknown, path: string[]): boolean | undefined {
  let cur = o;
  for (const key of path) cur = isObj(cur) ? cur[key] : undefined;
  return typeof cur === 'boolean' ? cur : undefined;
}

/** validateHostUsers and the shareProcessNamespace/hostPID rule of validatePodSpecSecurityContext. */
function hostNamespaces(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  if (spec.hostUsers === false) {
    // Upstream spells the last two with capitals (fldPath.Child("HostPID")); the text is kept.
    for (const [key, name] of [
      ['hostNetwork', 'hostNetwork'],
      ['hostPID', 'HostPID'],
      ['hostIPC', 'HostIPC'],
    ] as const)
      if (spec[key] === true)
        emit([...base, key], fieldError.forbidden([...base, name], 'when `pod.Spec.HostUsers` is false'), 'key');
  }
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    const path = [...base, 'securityContext', 'shareProcessNamespace'];
    // Internally the field lives in the pod security context; in the manifest it is spec.shareProcessNamespace.
    emit(
      [...base, 'shareProcessNamespace'],
      fieldError.invalid(path, true, 'ShareProcessNamespace and HostPID cannot both be enabled'),
    );
  }
}

/** validatePodDNSConfig: dnsPolicy None needs nameservers; at most 3 nameservers, 32 search domains. */
function dnsConfig(spec: Obj, base: FieldSegment[], emit: FieldEmit) {
  const path = [...base, 'dnsConfig'];
  const config = spec.dnsConfig;
  const nameservers = isObj(config) && Array.isArray(config.nameservers) ? config.nameservers : [];
  if (spec.dnsPolicy === 'None') {
    if (!isObj(config)) {
      emit(path, fieldError.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None'), 'key');
      return;
    }
    if (nameservers.length === 0) {
      emit(
        [...path, 'nameservers'],
        fieldError.required(
          [...path, 'nameservers'],
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
        'key',
      );
      return;
    }
  }
  if (!isObj(config)) return;
  if (nameservers.length > 3)
    emit(
      [...path, 'nameservers'],
      fieldError.invalid([...path, 'nameservers'], nameservers, 'must not have more than 3 nameservers'),
    );
  const searches = Array.isArray(config.searches) ? config.searches : [];
  if (searches.length > 32)
    emit(
      [...path, 'searches'],
      fieldError.invalid([...path, 'searches'], searches, 'must not have more than 32 search paths'),
    );
}

/** validateTopologySpreadConstraints (maxSkew, minDomains, duplicates). */
function topologySpread(list: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const path = [...base, i];
    if (typeof c.maxSkew === 'number' && c.maxSkew <= 0)
      emit([...path, 'maxSkew'], fieldError.invalid([...path, 'maxSkew'], c.maxSkew, 'must be greater than zero'));
    if (typeof c.minDomains === 'number') {
      if (c.minDomains <= 0)
        emit(
          [...path, 'minDomains'],
          fieldError.invalid([...path, 'minDomains'], c.minDomains, 'must be greater than zero'),
        );
      if (c.whenUnsatisfiable !== 'DoNotSchedule')
        emit(
          [...path, 'minDomains'],
          fieldError.invalid(
            [...path, 'minDomains'],
            c.minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(c.whenUnsatisfiable ?? '')}`,
          ),
        );
    }
    // ValidateSpreadConstraintNotRepeat: reported on the first of two alike.
    const twin = list
      .slice(i + 1)
      .some((o) => isObj(o) && o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (twin)
      emit(
        path,
        fieldError.duplicate(
          [...path, '{topologyKey, whenUnsatisfiable}'],
          `{${String(c.topologyKey)}, ${String(c.whenUnsatisfiable)}}`,
        ),
        'key',
      );
  });
}

/** ValidateTolerations (the operator/key/value/effect combinations; keys and values are invalid-label's). */
function tolerations(list: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  list.forEach((t, i) => {
    if (!isObj(t)) return;
    const path = [...base, i];
    const key = typeof t.key === 'string' ? t.key : '';
    const operator = typeof t.operator === 'string' ? t.operator : '';
    if (key === '' && operator !== 'Exists')
      emit(
        [...path, 'operator'],
        fieldError.invalid(
          [...path, 'operator'],
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute')
      emit(
        [...path, 'effect'],
        fieldError.invalid(
          [...path, 'effect'],
          typeof t.effect === 'string' ? t.effect : '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    if (operator === 'Exists' && typeof t.value === 'string' && t.value !== '')
      emit(
        [...path, 'operator'],
        fieldError.invalid([...path, 'operator'], t, "value must be empty when `operator` is 'Exists'"),
      );
  });
}

/** validateAffinity: preferred weights 1–100, pod affinity terms need a topologyKey. */
function affinity(a: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!isObj(a)) return;
  const weights = (list: unknown, path: FieldSegment[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((term, i) => {
      if (!isObj(term) || typeof term.weight !== 'number') return;
      if (term.weight <= 0 || term.weight > 100)
        emit(
          [...path, i, 'weight'],
          fieldError.invalid([...path, i, 'weight'], term.weight, 'must be in the range 1-100'),
        );
    });
  };
  const terms = (list: unknown, path: FieldSegment[], weighted: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      const term = weighted && isObj(item) ? item.podAffinityTerm : item;
      if (!isObj(term)) return;
      const termPath: FieldSegment[] = weighted ? [...path, i, 'podAffinityTerm'] : [...path, i];
      // A missing topologyKey is the schema's (required); an empty one only the API server rejects.
      if (term.topologyKey === '')
        emit(
          [...termPath, 'topologyKey'],
          fieldError.required([...termPath, 'topologyKey'], 'can not be empty'),
          'key',
        );
    });
  };
  if (isObj(a.nodeAffinity))
    weights(a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution, [
      ...base,
      'nodeAffinity',
      'preferredDuringSchedulingIgnoredDuringExecution',
    ]);
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = a[kind];
    if (!isObj(pa)) continue;
    const required = [...base, kind, 'requiredDuringSchedulingIgnoredDuringExecution'];
    const preferred = [...base, kind, 'preferredDuringSchedulingIgnoredDuringExecution'];
    terms(pa.requiredDuringSchedulingIgnoredDuringExecution, required, false);
    weights(pa.preferredDuringSchedulingIgnoredDuringExecution, preferred);
    terms(pa.preferredDuringSchedulingIgnoredDuringExecution, preferred, true);
  }
}

export default rule;
