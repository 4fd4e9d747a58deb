/** NodeName (kubernetes v1.30 pkg/scheduler/framework/plugins/nodename): a pod naming a node fits only that node. */
import { unresolvable, type Plugin } from '../framework.js';

export const NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const NodeName: Plugin = {
  name: NAME,
  filter(cycle, node) {
    const wanted = cycle.pod.nodeName;
    return wanted !== null && wanted !== node.name ? unresolvable(NAME, ERR_REASON_NODE_NAME) : null;
  },
};
