/**
 * The cluster a plan runs against: Node objects (status.allocatable, labels, taints, spec.unschedulable,
 * status.images) and running Pods bound with spec.nodeName, as `kubectl get nodes,pods -A -o yaml` prints them —
 * or, without --cluster, a built-in default of three workers. Problems become `plan/cluster` findings.
 */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { isKind } from '../k8s/kinds.js';
import { defaultPodRequestsFromLimits, defaultPodSpec, namespaceOf } from '../k8s/defaults.js';
import { parseResource } from '../k8s/quantity.js';
import { parseTaints } from './scheduler/pod-info.js';
import type { Resources, SchedNode } from './scheduler/types.js';
import { arr, isObj, obj, objItems, str, sortedStringMap, type Obj } from '../core/values.js';
import { compareStrings } from '../core/compare.js';

export const DEFAULT_CLUSTER_SOURCE = 'built-in default cluster';

/** A pod already running in the cluster snapshot. */
export interface RunningPod {
  name: string;
  namespace: string;
  nodeName: string;
  labels: Record<string, string>;
  /** Defaulted pod spec. */
  spec: Obj;
  manifest?: Manifest;
  priorityClassName?: string;
  priority?: number;
  /** The controller (ownerReferences[controller=true]): it re-creates the pod when it is evicted. */
  owner?: { kind: string; name: string };
  /** metadata.generateName: the prefix of a replacement's name. */
  generateName?: string;
  /** status.startTime as epoch ms (preemption prefers victims that started last). */
  startTime?: number;
  /** A static pod's mirror (annotation kubernetes.io/config.mirror): the kubelet owns it, a drain leaves it. */
  mirror?: boolean;
}

export interface ClusterModel {
  source: string;
  nodes: SchedNode[];
  pods: RunningPod[];
  findings: Finding[];
  /** Node name → the manifest it came from (for findings). */
  nodeManifests: Map<string, Manifest>;
  /** StorageClasses, PersistentVolumes and PersistentVolumeClaims in the snapshot (the volume plugins read them). */
  storage?: Manifest[];
}

/** The default cluster: worker-1..3 in zone-a..c, 4 CPU, 16Gi memory, 110 pods each, linux/amd64. */
export function defaultCluster(): ClusterModel {
  const nodes: SchedNode[] = ['a', 'b', 'c'].map((zone, i) => {
    const name = `worker-${i + 1}`;
    return {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': `zone-${zone}`,
      },
      taints: [],
      unschedulable: false,
      allocatable: { cpu: 4000, memory: 16 * 2 ** 30, pods: 110 },
      images: new Map(),
    };
  });
  return { source: DEFAULT_CLUSTER_SOURCE, nodes, pods: [], findings: [], nodeManifests: new Map() };
}

function finding(
  manifest: Manifest,
  path: JsonPath,
  message: string,
  severity: Finding['severity'] = 'error',
  target: 'key' | 'value' = 'value',
): Finding {
  return {
    ruleId: 'plan/cluster',
    severity,
    message,
    file: manifest.file,
    ...manifest.locate(path, target),
    object: manifest.ref,
  };
}

/** One Node object → SchedNode, or the problems that make it unusable. */
export function nodeFromManifest(m: Manifest): { node?: SchedNode; findings: Finding[] } {
  const o = m.object;
  const findings: Finding[] = [];
  const meta = obj(o.metadata);
  const name = str(meta.name);
  if (!name)
    return {
      findings: [finding(m, ['metadata'], 'Node has no metadata.name; it is left out of the cluster', 'error', 'key')],
    };
  const status = obj(o.status);
  if (!isObj(status.allocatable) || Object.keys(status.allocatable).length === 0) {
    return {
      findings: [
        finding(
          m,
          isObj(o.status) ? ['status'] : ['metadata', 'name'],
          `node ${name} has no status.allocatable; it is left out of the cluster (export nodes with \`kubectl get nodes -o yaml\`)`,
          'error',
          'key',
        ),
      ],
    };
  }
  const allocatable: Resources = {};
  for (const key of Object.keys(status.allocatable).sort()) {
    const v = parseResource(key, status.allocatable[key]);
    if (v === null || v < 0) {
      findings.push(
        finding(
          m,
          ['status', 'allocatable', key],
          `node ${name}: status.allocatable.${key} ${JSON.stringify(status.allocatable[key])} is not a valid quantity; the node is left out of the cluster`,
        ),
      );
      continue;
    }
    allocatable[key] = v;
  }
  if (findings.length > 0) return { findings };
  if (allocatable.pods === undefined) {
    findings.push(
      finding(
        m,
        ['status', 'allocatable'],
        `node ${name} has no status.allocatable.pods: no pod can be placed on it ("Too many pods")`,
        'warning',
        'key',
      ),
    );
  }
  const images = new Map<string, number>();
  for (const { item } of objItems(status.images)) {
    const size = typeof item.sizeBytes === 'number' && item.sizeBytes >= 0 ? item.sizeBytes : 0;
    for (const n of arr(item.names)) if (typeof n === 'string') images.set(n, size);
  }
  const spec = obj(o.spec);
  return {
    node: {
      name,
      labels: sortedStringMap(meta.labels),
      taints: parseTaints(spec.taints),
      unschedulable: spec.unschedulable === true,
      allocatable,
      images,
    },
    findings,
  };
}

/** Reads the --cluster file's objects: Nodes (required), running Pods, and StorageClasses / PVs / PVCs (optional). */
export function clusterFromManifests(manifests: Manifest[], source: string): ClusterModel {
  const model: ClusterModel = { source, nodes: [], pods: [], findings: [], nodeManifests: new Map() };
  const podManifests: Manifest[] = [];
  for (const m of manifests) {
    if (isKind(m, 'Node')) {
      const { node, findings } = nodeFromManifest(m);
      model.findings.push(...findings);
      if (!node) continue;
      if (model.nodeManifests.has(node.name)) {
        model.findings.push(
          finding(m, ['metadata', 'name'], `node ${node.name} is listed twice; the second copy is ignored`, 'warning'),
        );
        continue;
      }
      model.nodes.push(node);
      model.nodeManifests.set(node.name, m);
    } else if (isKind(m, 'Pod')) {
      podManifests.push(m);
    } else if (['StorageClass', 'PersistentVolume', 'PersistentVolumeClaim'].some((k) => isKind(m, k))) {
      (model.storage ??= []).push(m);
    }
  }
  model.nodes.sort((a, b) => compareStrings(a.name, b.name));
  if (model.nodes.length === 0) {
    const first = manifests[0];
    model.findings.push({
      ruleId: 'plan/cluster',
      severity: 'error',
      message: `cluster file ${source} has no usable Node objects (expected the output of \`kubectl get nodes,pods -A -o yaml\`); every pod is unschedulable`,
      file: first?.file ?? source,
      ...(first ? first.locate([], 'key') : { line: 1, column: 1, endLine: 1, endColumn: 1 }),
    });
  }
  const seen = new Set<string>();
  for (const m of podManifests) {
    const o = m.object;
    const meta = obj(o.metadata);
    const name = str(meta.name);
    const spec = obj(o.spec);
    const nodeName = str(spec.nodeName);
    const phase = str(obj(o.status).phase);
    if (!name || !nodeName) continue; // pending pods in the snapshot hold no capacity
    if (phase === 'Succeeded' || phase === 'Failed') continue; // the scheduler's cache ignores terminated pods
    if (!model.nodeManifests.has(nodeName)) {
      model.findings.push(
        finding(
          m,
          ['spec', 'nodeName'],
          `pod ${name} runs on node ${nodeName}, which is not in the cluster file; it is ignored`,
          'warning',
        ),
      );
      continue;
    }
    const namespace = namespaceOf(o, 'default');
    if (seen.has(`${namespace}/${name}`)) continue;
    seen.add(`${namespace}/${name}`);
    const defaulted = defaultPodSpec(spec);
    defaultPodRequestsFromLimits(defaulted);
    model.pods.push({
      name,
      namespace,
      nodeName,
      labels: sortedStringMap(meta.labels),
      spec: defaulted,
      manifest: m,
      priorityClassName: str(spec.priorityClassName),
      priority: typeof spec.priority === 'number' ? spec.priority : undefined,
      ...runningPodExtras(meta, obj(o.status)),
    });
  }
  model.pods.sort((a, b) => compareStrings(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  return model;
}

/** Controller, generateName and start time of a running pod (what an eviction needs). */
function runningPodExtras(meta: Obj, status: Obj): Pick<RunningPod, 'owner' | 'generateName' | 'startTime' | 'mirror'> {
  const out: Pick<RunningPod, 'owner' | 'generateName' | 'startTime' | 'mirror'> = {};
  if (obj(meta.annotations)['kubernetes.io/config.mirror'] !== undefined) out.mirror = true;
  const ref = objItems(meta.ownerReferences).find(({ item }) => item.controller === true)?.item;
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  if (kind && name) out.owner = { kind, name };
  const generateName = str(meta.generateName);
  if (generateName) out.generateName = generateName;
  const started = typeof status.startTime === 'string' ? Date.parse(status.startTime) : NaN;
  if (!Number.isNaN(started)) out.startTime = started;
  return out;
}

/** One line describing the cluster for the report header. */
export function describeCluster(model: ClusterModel): string {
  if (model.source === DEFAULT_CLUSTER_SOURCE)
    return 'built-in default: 3 nodes worker-1..3, zones zone-a..c, 4 CPU / 16Gi / 110 pods each';
  return `${model.source}: ${model.nodes.length} node${model.nodes.length === 1 ? '' : 's'}${model.pods.length ? `, ${model.pods.length} running pod${model.pods.length === 1 ? '' : 's'}` : ''}`;
}
