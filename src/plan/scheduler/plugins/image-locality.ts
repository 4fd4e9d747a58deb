/**
 * ImageLocality (kubernetes v1.30 pkg/scheduler/framework/plugins/imagelocality/image_locality.go): for each
 * container image already on the node, size × (nodes having it / all nodes), summed, clamped to
 * [23MiB, 1000MiB × containers], scaled to 0..100. Needs node.status.images.
 */
import { MAX_NODE_SCORE, type Plugin } from '../framework.js';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export const ImageLocality: Plugin = {
  name: 'ImageLocality',
  preScore(cycle) {
    // No node lists images: every score is 0 (the sum clamps to the minimum threshold), so Score need not run.
    return cycle.cluster.imageNodeCount.size > 0;
  },
  score(cycle, node) {
    const total = cycle.cluster.nodes.length;
    let sum = 0;
    for (const image of cycle.pod.images) {
      const size = node.node.images.get(image);
      if (size === undefined) continue;
      const spread = (cycle.cluster.imageNodeCount.get(image) ?? 0) / total;
      sum += Math.trunc(size * spread);
    }
    const max = MAX_CONTAINER_THRESHOLD * cycle.pod.containerCount;
    if (max <= MIN_THRESHOLD) return 0;
    sum = Math.min(Math.max(sum, MIN_THRESHOLD), max);
    return Math.floor((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
  },
};
