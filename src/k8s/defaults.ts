/**
 * API-server defaulting for the fields the planner reads (k8s.io/kubernetes pkg/apis/core/v1/defaults.go,
 * pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go). Every function returns a defaulted deep copy
 * and never throws: fields of the wrong type are left as they are for the validator in the caller to reject.
 */
import { clone, isObj, obj, type Obj } from '../core/values.js';

/** `parsers.ParseImageName` as SetDefaults_Container uses it: the tag, "latest" when neither tag nor digest is given. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  if (tag) return tag;
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_Container: Always for `:latest` or untagged images, else IfNotPresent. */
export function defaultPullPolicy(image: unknown): string {
  return typeof image === 'string' && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function setIfMissing(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** SetDefaults_Probe defaults a zero as well as a missing value (the fields are plain int32s in Go). */
function setIfZero(o: Obj, key: string, value: unknown): void {
  if (o[key] === 0) o[key] = value;
  else setIfMissing(o, key, value);
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setIfZero(p, 'timeoutSeconds', 1);
  setIfZero(p, 'periodSeconds', 10);
  setIfZero(p, 'successThreshold', 1);
  setIfZero(p, 'failureThreshold', 3);
  if (isObj(p.httpGet)) {
    setIfMissing(p.httpGet, 'path', '/');
    setIfMissing(p.httpGet, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: unknown, hostNetwork: boolean): void {
  if (!isObj(c)) return;
  // SetDefaults_Container
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '')
    c.imagePullPolicy = defaultPullPolicy(c.image);
  setIfMissing(c, 'terminationMessagePath', '/dev/termination-log');
  setIfMissing(c, 'terminationMessagePolicy', 'File');
  if (Array.isArray(c.ports)) {
    for (const port of c.ports) {
      if (!isObj(port)) continue;
      setIfMissing(port, 'protocol', 'TCP'); // SetDefaults_ContainerPort
      // defaultHostNetworkPorts: with hostNetwork the host port is the container port.
      if (hostNetwork && (port.hostPort === undefined || port.hostPort === null || port.hostPort === 0))
        port.hostPort = port.containerPort;
    }
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** SetDefaults_PodSpec (+ containers, ports, probes, volumes). Works on a copy. */
export function defaultPodSpec(spec: unknown): Obj {
  const s = clone(obj(spec));
  setIfMissing(s, 'restartPolicy', 'Always');
  setIfMissing(s, 'dnsPolicy', 'ClusterFirst');
  setIfMissing(s, 'schedulerName', 'default-scheduler');
  setIfMissing(s, 'terminationGracePeriodSeconds', 30);
  if (s.securityContext === undefined || s.securityContext === null) s.securityContext = {};
  if (s.enableServiceLinks === undefined || s.enableServiceLinks === null) s.enableServiceLinks = true;
  const hostNetwork = s.hostNetwork === true;
  if (Array.isArray(s.containers)) for (const c of s.containers) defaultContainer(c, hostNetwork);
  if (Array.isArray(s.initContainers)) for (const c of s.initContainers) defaultContainer(c, hostNetwork);
  if (Array.isArray(s.volumes)) {
    for (const v of s.volumes) {
      if (!isObj(v)) continue;
      const sources = Object.keys(v).filter((k) => k !== 'name');
      if (sources.length === 0) v.emptyDir = {}; // SetDefaults_Volume
      for (const kind of ['configMap', 'secret', 'projected', 'downwardAPI']) {
        const src = v[kind];
        if (isObj(src)) setIfMissing(src, 'defaultMode', 420);
      }
    }
  }
  return s;
}

/** A PodTemplateSpec as stored by the API server: metadata kept, spec defaulted. */
export function defaultPodTemplate(template: unknown): Obj {
  const t = clone(obj(template));
  t.spec = defaultPodSpec(t.spec);
  return t;
}

/**
 * SetDefaults_Pod, applied when a pod is created (not to templates): a container's requests default to its limits
 * for every resource that has a limit and no request. This is why `limits: {cpu: 1}` alone requests a whole core.
 */
export function defaultPodRequestsFromLimits(spec: Obj): void {
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
      const limits = c.resources.limits;
      const requests = isObj(c.resources.requests) ? c.resources.requests : (c.resources.requests = {});
      if (!isObj(requests)) continue;
      for (const key of Object.keys(limits)) if (requests[key] === undefined) requests[key] = limits[key];
    }
  }
}

function specOf(o: Obj): Obj {
  if (!isObj(o.spec)) o.spec = {};
  return o.spec as Obj;
}

/** SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
export function defaultDeployment(object: Obj): Obj {
  const d = clone(object);
  const spec = specOf(d);
  setIfMissing(spec, 'replicas', 1);
  if (!isObj(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy as Obj;
  setIfMissing(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    setIfMissing(strategy.rollingUpdate as Obj, 'maxUnavailable', '25%');
    setIfMissing(strategy.rollingUpdate as Obj, 'maxSurge', '25%');
  }
  setIfMissing(spec, 'revisionHistoryLimit', 10);
  setIfMissing(spec, 'progressDeadlineSeconds', 600);
  setIfMissing(spec, 'minReadySeconds', 0);
  spec.template = defaultPodTemplate(spec.template);
  return d;
}

/** SetDefaults_ReplicaSet / ReplicationController: replicas 1. */
export function defaultReplicaSet(object: Obj): Obj {
  const r = clone(object);
  const spec = specOf(r);
  setIfMissing(spec, 'replicas', 1);
  setIfMissing(spec, 'minReadySeconds', 0);
  spec.template = defaultPodTemplate(spec.template);
  return r;
}

/** SetDefaults_StatefulSet: replicas 1, OrderedReady, RollingUpdate partition 0, revisionHistoryLimit 10, PVC retention Retain. */
export function defaultStatefulSet(object: Obj): Obj {
  const s = clone(object);
  const spec = specOf(s);
  setIfMissing(spec, 'replicas', 1);
  setIfMissing(spec, 'podManagementPolicy', 'OrderedReady');
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy as Obj;
  setIfMissing(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    setIfMissing(strategy.rollingUpdate as Obj, 'partition', 0);
  }
  setIfMissing(spec, 'revisionHistoryLimit', 10);
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  setIfMissing(spec.persistentVolumeClaimRetentionPolicy as Obj, 'whenDeleted', 'Retain');
  setIfMissing(spec.persistentVolumeClaimRetentionPolicy as Obj, 'whenScaled', 'Retain');
  spec.template = defaultPodTemplate(spec.template);
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (isObj(claim) && isObj(claim.spec)) setIfMissing(claim.spec, 'volumeMode', 'Filesystem');
  }
  return s;
}

/** SetDefaults_DaemonSet: RollingUpdate maxUnavailable 1 / maxSurge 0, revisionHistoryLimit 10. */
export function defaultDaemonSet(object: Obj): Obj {
  const d = clone(object);
  const spec = specOf(d);
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy as Obj;
  setIfMissing(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    setIfMissing(strategy.rollingUpdate as Obj, 'maxUnavailable', 1);
    setIfMissing(strategy.rollingUpdate as Obj, 'maxSurge', 0);
  }
  setIfMissing(spec, 'revisionHistoryLimit', 10);
  setIfMissing(spec, 'minReadySeconds', 0);
  spec.template = defaultPodTemplate(spec.template);
  return d;
}

/**
 * SetDefaults_Job: completions and parallelism both 1 when neither is set; parallelism 1 when only completions is;
 * backoffLimit 6 (NonIndexed), completionMode NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed.
 */
export function defaultJob(object: Obj): Obj {
  const j = clone(object);
  const spec = specOf(j);
  const noCompletions = spec.completions === undefined || spec.completions === null;
  const noParallelism = spec.parallelism === undefined || spec.parallelism === null;
  if (noCompletions && noParallelism) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (noParallelism) spec.parallelism = 1;
  setIfMissing(spec, 'backoffLimit', 6);
  setIfMissing(spec, 'completionMode', 'NonIndexed');
  setIfMissing(spec, 'suspend', false);
  setIfMissing(spec, 'manualSelector', false);
  spec.template = defaultPodTemplate(spec.template);
  return j;
}

/** SetDefaults_CronJob: concurrencyPolicy Allow, suspend false, history limits 3 / 1. */
export function defaultCronJob(object: Obj): Obj {
  const c = clone(object);
  const spec = specOf(c);
  setIfMissing(spec, 'concurrencyPolicy', 'Allow');
  setIfMissing(spec, 'suspend', false);
  setIfMissing(spec, 'successfulJobsHistoryLimit', 3);
  setIfMissing(spec, 'failedJobsHistoryLimit', 1);
  return c;
}

/** SetDefaults_Service / ServicePort: type ClusterIP, sessionAffinity None, protocol TCP, targetPort = port. */
export function defaultService(object: Obj): Obj {
  const s = clone(object);
  const spec = specOf(s);
  setIfMissing(spec, 'type', 'ClusterIP');
  setIfMissing(spec, 'sessionAffinity', 'None');
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObj(port)) continue;
    setIfMissing(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  return s;
}

/** The namespace an object lives in: metadata.namespace, else the default. */
export function namespaceOf(object: Obj, defaultNamespace: string): string {
  const ns = obj(object.metadata).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : defaultNamespace;
}
