#!/usr/bin/env node
/**
 * The planner at the Kubernetes scalability envelope (issue 14 §3): `nodes` nodes × `deployments` Deployments of
 * `replicas` replicas with requests, planned through plan(); prints time and peak RSS as one JSON line.
 * Run in its own process so peak RSS is this case's:  node bench/envelope.js 5000 1500 100
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clusterText } from './cluster-docs.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, '../dist/src');
const [nodeCount = 5000, deployments = 1500, replicas = 100] = process.argv.slice(2).map(Number);

const api = await import(pathToFileURL(path.join(DIST, 'index.js')).href);
const planner = await import(pathToFileURL(path.join(DIST, 'plan/index.js')).href);

function deployment(i, image = 'app:1') {
  const name = `app-${i}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ns-${i % 20}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: app, image: '${image}', resources: {requests: {cpu: 100m, memory: 128Mi}}}
`;
}
const nodesText = clusterText(nodeCount);
const appsText = Array.from({ length: deployments }, (_, i) => deployment(i)).join('---\n');
const cluster = { manifests: api.loadText(nodesText, 'nodes.yaml').manifests, source: 'nodes.yaml' };
const manifests = api.loadText(appsText, 'apps.yaml').manifests;
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
timer.unref();
const t0 = performance.now();
const result = planner.plan(manifests, { cluster, maxPods: deployments * replicas + 1 });
const planMs = performance.now() - t0;
peak = Math.max(peak, process.memoryUsage().rss);
const placed = result.pods.filter((p) => p.node !== null).length;
const out = {
  nodes: nodeCount,
  pods: deployments * replicas,
  placed,
  planMs: Math.round(planMs),
  peakRssMiB: Math.round(peak / 2 ** 20),
};
process.stdout.write(JSON.stringify(out) + '\n');
