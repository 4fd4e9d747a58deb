/** The envelope benches' cluster: `count` nodes of 64 CPU / 256Gi / 110 pods in three zones, as one YAML text. */
export function clusterText(count) {
  return Array.from({ length: count }, (_, i) => nodeDoc(i)).join('---\n');
}

function nodeDoc(i) {
  return `apiVersion: v1
kind: Node
metadata:
  name: node-${String(i).padStart(5, '0')}
  labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${'abc'[i % 3]}}
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "110"}
`;
}
