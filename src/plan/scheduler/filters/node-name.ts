/** NodeName (plugins/nodename): a pod naming a node fits only that node. */
import type { FilterPlugin } from '../framework.js';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const NodeName: FilterPlugin = {
  name: 'NodeName',
  filter(cycle, node) {
    const wanted = cycle.pod.nodeName;
    return wanted !== null && wanted !== node.name ? [ERR_REASON_NODE_NAME] : null;
  },
};
