/**
 * A container the API server would reject (validateContainerCommon, ValidateEnv, validateEnvVarValueFrom,
 * ValidateEnvFrom, ValidateVolumeMounts, validateProbe and its liveness/readiness/startup variants,
 * validateHandler, validateInitContainers, ValidateSecurityContext in pkg/apis/core/validation/validation.go),
 * checked on the container as the API server defaults it (SetDefaults_Container, SetDefaults_Probe), each finding
 * in the API server's words. Port numbers and names are invalid-port's, volume names volume-mount-undefined's, enum
 * values (imagePullPolicy, protocol, scheme) schema validation's.
 */
import { containersOf, INIT_AND_APP_CONTAINERS, type ContainerRef } from '../src/rules/containers.js';
import { defaultPodSpec } from '../src/k8s/defaults.js';
import { featureEnabled } from '../src/k8s/feature-gates.js';
import {
  fieldError,
  inclusiveRangeError,
  jsonPath,
  MAX_INT32,
  NEGATIVE_MSG,
  type FieldEmit,
  type FieldSegment,
} from '../src/k8s/field-errors.js';
import { dns1123Label, portName, portNumber } from '../src/k8s/names.js';
import type { Rule } from '../src/rules/types.js';
import { isObj, type Obj } from '../src/core/values.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'invalid-container',
  severity: 'error',
  category: 'validation',
  description: 'Container (env, volume mounts, probes, lifecycle, security context) the API server would reject',
  rationale: [
    'The API server rejects a pod, and every pod a workload would create, when one of its containers:',
    '',
    '- has no `image`, or a name that is not a DNS-1123 label;',
    '- has an env var without a name or with `=` or a non-printable character in it, a `valueFrom` with no source or',
    '  several, or both `value` and `valueFrom`; an `envFrom` entry with neither or both of `configMapRef` and',
    '  `secretRef`;',
    '- mounts two volumes at the same `mountPath`, gives both `subPath` and `subPathExpr`, or a `subPath` that is',
    '  absolute or climbs out with `..`;',
    '- has a probe or lifecycle hook with no handler or several (`exec`, `httpGet`, `tcpSocket`, `grpc`, `sleep`),',
    '  an `exec` without a command, a bad probe port, a negative probe number, a liveness or startup probe whose',
    '  `successThreshold` is not 1, or a readiness probe with `terminationGracePeriodSeconds`;',
    '- is an init container (not a `restartPolicy: Always` sidecar) with probes or lifecycle hooks;',
    '- sets `allowPrivilegeEscalation: false` with `privileged: true` (or with `CAP_SYS_ADMIN` added), or a',
    '  `runAsUser` / `runAsGroup` outside 0–2147483647.',
    '',
    'Probe numbers are checked after defaulting: a 0 becomes the default (periodSeconds 10, successThreshold 1, …),',
    'as the API server does. Environment variable names follow `--kube-version`: the relaxed rule (any printable',
    'character but `=`) applies from 1.32, where RelaxedEnvironmentVariableValidation is on.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  howToFix:
    'Fix the field the finding names: one handler per probe or hook, `successThreshold: 1` on liveness and startup probes, unique mount paths, exactly one source per `valueFrom`/`envFrom` entry.',
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
      '      livenessProbe:',
      '        httpGet: {path: /healthz, port: 8080}',
      '        successThreshold: 2',
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
      '      livenessProbe:',
      '        httpGet: {path: /healthz, port: 8080}',
      '        successThreshold: 1',
      '',
    ].join('\n'),
  },
  check(context) {
    const relaxedEnv = featureEnabled('RelaxedEnvironmentVariableValidation', context.options.kubeVersion);
    for (const template of podTemplatesOf(context.manifests)) {
      const m = template.manifest;
      const defaulted = defaultPodSpec(template.spec);
      const emit: FieldEmit = (path, message, target = 'value') =>
        context.report({ manifest: m, path: jsonPath(path), message, target });
      for (const c of containersOf(template, INIT_AND_APP_CONTAINERS)) {
        const index = c.path[c.path.length - 1] as number;
        const list = defaulted[c.list];
        const container = Array.isArray(list) && isObj(list[index]) ? (list[index] as Obj) : c.container;
        checkContainer(c, container, relaxedEnv, emit);
      }
    }
  },
};

function checkContainer(c: ContainerRef, container: Obj, relaxedEnv: boolean, emit: FieldEmit) {
  const base = c.path as FieldSegment[];
  // validateContainerCommon: name (required by the schema) must be a DNS-1123 label; image is required.
  if (typeof container.name === 'string' && container.name !== '')
    for (const e of dns1123Label(container.name))
      emit([...base, 'name'], fieldError.invalid([...base, 'name'], container.name, e));
  if (container.image === undefined || container.image === null || container.image === '')
    emit([...base, 'image'], fieldError.required([...base, 'image']), 'key');

  env(container.env, [...base, 'env'], relaxedEnv, emit);
  envFrom(container.envFrom, [...base, 'envFrom'], relaxedEnv, emit);
  volumeMounts(container.volumeMounts, [...base, 'volumeMounts'], emit);

  const probes = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
  if (c.list === 'initContainers' && !c.sidecar) {
    // validateInitContainers: only restartable (sidecar) init containers may have probes and hooks.
    for (const key of ['lifecycle', ...probes])
      if (container[key] !== undefined && container[key] !== null)
        emit(
          [...base, key],
          fieldError.forbidden([...base, key], 'may not be set for init containers without restartPolicy=Always'),
          'key',
        );
  } else {
    for (const key of probes) if (isObj(container[key])) probe(key, container[key], [...base, key], emit);
    if (isObj(container.lifecycle)) {
      for (const hook of ['postStart', 'preStop'])
        if (isObj(container.lifecycle[hook]))
          handler(container.lifecycle[hook], [...base, 'lifecycle', hook], LIFECYCLE_HANDLERS, emit);
    }
  }
  securityContext(container.securityContext, [...base, 'securityContext'], emit);
}

/** The printable ASCII characters other than '=' (IsRelaxedEnvVarName). */
const RELAXED_ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
const RELAXED_ENV_MSG =
  "a valid environment variable name must consist only of printable ASCII characters other than '='";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** IsRelaxedEnvVarName, or IsEnvVarName (with its '.'/'..' rules) before the relaxed rule is on. */
function envNameErrors(name: string, relaxed: boolean): string[] {
  if (relaxed) return RELAXED_ENV_NAME.test(name) ? [] : [RELAXED_ENV_MSG];
  const errs = ENV_NAME.test(name) ? [] : [ENV_NAME_MSG];
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** ValidateEnv + validateEnvVarValueFrom. */
function env(list: unknown, base: FieldSegment[], relaxed: boolean, emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  list.forEach((ev, i) => {
    if (!isObj(ev)) return;
    const path = [...base, i];
    if (ev.name === undefined || ev.name === null || ev.name === '')
      emit([...path, 'name'], fieldError.required([...path, 'name']), 'key');
    else if (typeof ev.name === 'string')
      for (const e of envNameErrors(ev.name, relaxed))
        emit([...path, 'name'], fieldError.invalid([...path, 'name'], ev.name, e));
    if (!isObj(ev.valueFrom)) return;
    const from = [...path, 'valueFrom'];
    // fileKeyRef (EnvFiles, alpha from 1.34) counts as a source so that it is never reported as missing.
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter(
      (k) => ev.valueFrom && isObj((ev.valueFrom as Obj)[k]),
    ).length;
    if (sources === 0)
      emit(
        from,
        fieldError.invalid(
          from,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    else if (typeof ev.value === 'string' && ev.value !== '')
      emit(from, fieldError.invalid(from, '', 'may not be specified when `value` is not empty'), 'key');
    else if (sources > 1)
      emit(from, fieldError.invalid(from, '', 'may not have more than one field specified at a time'));
  });
}

/** ValidateEnvFrom: a prefix is an env var name; exactly one of configMapRef / secretRef. */
function envFrom(list: unknown, base: FieldSegment[], relaxed: boolean, emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  list.forEach((ev, i) => {
    if (!isObj(ev)) return;
    const path = [...base, i];
    if (typeof ev.prefix === 'string' && ev.prefix !== '')
      for (const e of envNameErrors(ev.prefix, relaxed))
        emit([...path, 'prefix'], fieldError.invalid([...path, 'prefix'], ev.prefix, e));
    const sources = ['configMapRef', 'secretRef'].filter((k) => isObj(ev[k])).length;
    // Upstream reports these at the envFrom list itself; the finding points at the entry.
    if (sources === 0) emit(path, fieldError.invalid(base, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      emit(path, fieldError.invalid(base, '', 'may not have more than one field specified at a time'));
  });
}

/** ValidateVolumeMounts: unique mountPath, subPath xor subPathExpr, both relative without '..'. */
function volumeMounts(list: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!Array.isArray(list)) return;
  const mountPoints = new Set<string>();
  list.forEach((mnt, i) => {
    if (!isObj(mnt)) return;
    const path = [...base, i];
    if (typeof mnt.mountPath === 'string') {
      if (mountPoints.has(mnt.mountPath))
        emit([...path, 'mountPath'], fieldError.invalid([...path, 'mountPath'], mnt.mountPath, 'must be unique'));
      mountPoints.add(mnt.mountPath);
    }
    // Upstream names these two fields on the list path (fldPath.Child("subPath")), not the entry's.
    if (typeof mnt.subPath === 'string' && mnt.subPath !== '')
      for (const e of localDescendingPath(mnt.subPath))
        emit([...path, 'subPath'], fieldError.invalid([...base, 'subPath'], mnt.subPath, e));
    if (typeof mnt.subPathExpr === 'string' && mnt.subPathExpr !== '') {
      if (typeof mnt.subPath === 'string' && mnt.subPath !== '')
        emit(
          [...path, 'subPathExpr'],
          fieldError.invalid(
            [...path, 'subPathExpr'],
            mnt.subPathExpr,
            'subPathExpr and subPath are mutually exclusive',
          ),
        );
      for (const e of localDescendingPath(mnt.subPathExpr))
        emit([...path, 'subPathExpr'], fieldError.invalid([...base, 'subPathExpr'], mnt.subPathExpr, e));
    }
  });
}

/** validateLocalDescendingPath: relative, and no '..' element. */
function localDescendingPath(p: string): string[] {
  const errs: string[] = [];
  if (p.startsWith('/')) errs.push('must be a relative path');
  if (p.split('/').includes('..')) errs.push("must not contain '..'");
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** validateProbe + validateLivenessProbe / validateReadinessProbe / validateStartupProbe. */
function probe(
  kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe',
  p: Obj,
  base: FieldSegment[],
  emit: FieldEmit,
) {
  handler(p, base, PROBE_HANDLERS, emit);
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = p[key];
    if (typeof v === 'number' && v < 0) emit([...base, key], fieldError.invalid([...base, key], v, NEGATIVE_MSG));
  }
  const grace = p.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0)
    emit(
      [...base, 'terminationGracePeriodSeconds'],
      fieldError.invalid([...base, 'terminationGracePeriodSeconds'], grace, 'must be greater than 0'),
    );
  if (kind === 'readinessProbe' && grace !== undefined && grace !== null)
    emit(
      [...base, 'terminationGracePeriodSeconds'],
      fieldError.invalid([...base, 'terminationGracePeriodSeconds'], grace, 'must not be set for readinessProbes'),
      'key',
    );
  if (kind !== 'readinessProbe' && typeof p.successThreshold === 'number' && p.successThreshold !== 1)
    emit(
      [...base, 'successThreshold'],
      fieldError.invalid([...base, 'successThreshold'], p.successThreshold, 'must be 1'),
    );
}

/** validateHandler: exactly one handler; exec needs a command; probe ports are port numbers or IANA names. */
function handler(h: Obj, base: FieldSegment[], kinds: readonly string[], emit: FieldEmit) {
  let count = 0;
  for (const kind of kinds) {
    if (h[kind] === undefined || h[kind] === null) continue;
    const path = [...base, kind];
    if (count > 0) {
      emit(path, fieldError.forbidden(path, 'may not specify more than 1 handler type'), 'key');
      continue;
    }
    count++;
    const action = h[kind];
    if (!isObj(action)) continue;
    if (kind === 'exec' && (!Array.isArray(action.command) || action.command.length === 0))
      emit([...path, 'command'], fieldError.required([...path, 'command']), 'key');
    if (kind === 'httpGet' || kind === 'tcpSocket' || kind === 'grpc') port(action.port, [...path, 'port'], emit);
  }
  if (count === 0) emit(base, fieldError.required(base, 'must specify a handler type'), 'key');
}

/** ValidatePortNumOrName. */
function port(value: unknown, path: FieldSegment[], emit: FieldEmit) {
  const errs = typeof value === 'number' ? portNumber(value) : typeof value === 'string' ? portName(value) : [];
  for (const e of errs) emit(path, fieldError.invalid(path, value, e));
}

/** ValidateSecurityContext (the parts that do not depend on the cluster's policy). */
function securityContext(sc: unknown, base: FieldSegment[], emit: FieldEmit) {
  if (!isObj(sc)) return;
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = sc[key];
    if (typeof v === 'number' && (v < 0 || v > MAX_INT32))
      emit([...base, key], fieldError.invalid([...base, key], v, inclusiveRangeError(0, MAX_INT32)));
  }
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true)
      emit(
        base,
        fieldError.invalid(base, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'),
        'key',
      );
    const add = isObj(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
    if (add.includes('CAP_SYS_ADMIN'))
      emit(
        base,
        fieldError.invalid(
          base,
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        ),
        'key',
      );
  }
}

export default rule;
