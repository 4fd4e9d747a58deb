/** planToJson: exactly the documented JSON, keys in a fixed order (docs/json-output.md, "The plan"). */
import type { PlanResult, WhatIfReport } from './result.js';

export function planToJson(r: PlanResult): object {
  return {
    cluster: {
      source: r.cluster.source,
      nodes: r.cluster.nodes.map((n) => ({
        name: n.name,
        zone: n.zone,
        allocatable: { ...n.allocatable },
        requested: { ...n.requested },
        pods: [...n.pods],
        running: [...n.running],
      })),
    },
    settings: {
      seed: r.settings.seed,
      now: r.settings.now,
      defaultNamespace: r.settings.defaultNamespace,
      tieBreak: r.settings.tieBreak,
      nodeSampling: r.settings.nodeSampling,
      kubeVersion: r.settings.kubeVersion,
    },
    pods: r.pods.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      owner: p.owner ? { kind: p.owner.kind, name: p.owner.name } : null,
      workload: { kind: p.workload.kind, name: p.workload.name },
      node: p.node,
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      priority: p.priority,
      labels: { ...p.labels },
      ...(p.dns !== undefined ? { dns: p.dns } : {}),
    })),
    workloads: r.workloads.map((w) => ({
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      replicas: w.replicas,
      replicaSets: w.replicaSets.map((rs) => ({ name: rs.name, replicas: rs.replicas })),
      pods: [...w.pods],
      ...(w.serviceName !== undefined ? { serviceName: w.serviceName } : {}),
      notes: [...w.notes],
    })),
    volumeClaims: r.volumeClaims.map((c) => ({
      name: c.name,
      namespace: c.namespace,
      owner: { kind: c.owner.kind, name: c.owner.name },
      storageClassName: c.storageClassName,
      storage: c.storage,
      accessModes: [...c.accessModes],
      ...(c.binding ? { binding: { ...c.binding } } : {}),
    })),
    services: r.services.map((s) => ({
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      headless: s.headless,
      selector: s.selector ? { ...s.selector } : null,
      ports: s.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol })),
      endpoints: s.endpoints.map((e) => ({
        pod: e.pod,
        node: e.node,
        port: e.port,
        portName: e.portName,
        ...(e.dns !== undefined ? { dns: e.dns } : {}),
      })),
    })),
    ingresses: r.ingresses.map((i) => ({
      namespace: i.namespace,
      name: i.name,
      ingressClass: i.ingressClass,
      routes: i.routes.map((rt) => ({
        host: rt.host,
        path: rt.path,
        pathType: rt.pathType,
        service: rt.service,
        port: rt.port,
        pods: [...rt.pods],
      })),
    })),
    cronJobs: r.cronJobs.map((c) => ({
      namespace: c.namespace,
      name: c.name,
      schedule: c.schedule,
      timeZone: c.timeZone,
      suspend: c.suspend,
      next: c.next.map((n) => ({ time: n.time, local: n.local })),
      ...(c.error !== undefined ? { error: c.error } : {}),
    })),
    evictions: r.evictions.map((e) => ({
      pod: e.pod,
      node: e.node,
      cause: e.cause,
      owner: e.owner ? { kind: e.owner.kind, name: e.owner.name } : null,
      replacement: e.replacement
        ? {
            name: e.replacement.name,
            node: e.replacement.node,
            ...(e.replacement.reason !== undefined ? { reason: e.replacement.reason } : {}),
          }
        : null,
    })),
    summary: { pods: r.summary.pods, scheduled: r.summary.scheduled, unschedulable: r.summary.unschedulable },
    ...(r.explain
      ? {
          explain: {
            pod: r.explain.pod,
            namespace: r.explain.namespace,
            found: r.explain.found,
            node: r.explain.node,
            ...(r.explain.reason !== undefined ? { reason: r.explain.reason } : {}),
            ...(r.explain.note !== undefined ? { note: r.explain.note } : {}),
            nodes: r.explain.nodes.map((n) => ({
              node: n.node,
              failedPlugin: n.failedPlugin,
              reasons: [...n.reasons],
              ...(n.scores
                ? {
                    scores: Object.fromEntries(
                      Object.entries(n.scores).map(([k, v]) => [
                        k,
                        { raw: v.raw, normalized: v.normalized, weighted: v.weighted },
                      ]),
                    ),
                  }
                : {}),
              ...(n.total !== undefined ? { total: n.total } : {}),
            })),
          },
        }
      : {}),
    ...(r.whatIf ? { whatIf: whatIfJson(r.whatIf) } : {}),
  };
}

/** The what-if answers, field by field (no object of the planner is shared with the output). */
function whatIfJson(w: WhatIfReport) {
  return {
    drains: w.drains.map((d) => ({
      node: d.node,
      evicted: [...d.evicted],
      blocked: d.blocked.map((b) => ({ pod: b.pod, reason: b.reason })),
      ignored: d.ignored.map((b) => ({ pod: b.pod, reason: b.reason })),
      ...(d.error !== undefined ? { error: d.error } : {}),
    })),
    failedZones: w.failedZones.map((z) => ({
      zone: z.zone,
      nodes: [...z.nodes],
      lost: z.lost.map((l) => ({
        pod: l.pod,
        node: l.node,
        recreated: l.recreated,
        ...(l.why !== undefined ? { why: l.why } : {}),
      })),
    })),
    pending: w.pending.map((p) => ({ pod: p.pod, reason: p.reason })),
    servicesWithoutEndpoints: [...w.servicesWithoutEndpoints],
    ...(w.headroom
      ? {
          headroom: {
            workload: w.headroom.workload,
            fits: w.headroom.fits,
            ...(w.headroom.atLeast ? { atLeast: true } : {}),
            reason: w.headroom.reason,
          },
        }
      : {}),
  };
}
