/**
 * NodePorts (kubernetes v1.30 pkg/scheduler/framework/plugins/nodeports): a wanted hostPort conflicts with one in
 * use on the node when protocol and port match and either IP is the wildcard 0.0.0.0 or the IPs are equal
 * (framework.HostPortInfo.CheckConflict).
 */
import { unschedulable, type Plugin } from '../framework.js';

export const NAME = 'NodePorts';
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

export const NodePorts: Plugin = {
  name: NAME,
  preFilter(cycle) {
    return cycle.pod.hostPorts.length === 0 ? { skip: true } : null; // no host ports: Skip
  },
  filter(cycle, node) {
    const wanted = cycle.pod.hostPorts;
    if (wanted.length === 0 || node.ports.length === 0) return null;
    for (const w of wanted) {
      for (const u of node.ports) {
        if (u.port !== w.port || u.protocol !== w.protocol) continue;
        if (u.ip === '0.0.0.0' || w.ip === '0.0.0.0' || u.ip === w.ip) return unschedulable(NAME, ERR_REASON_PORTS);
      }
    }
    return null;
  },
};
