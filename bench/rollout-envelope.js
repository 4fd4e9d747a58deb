#!/usr/bin/env node
/**
 * A 10-replica rolling update on a cluster at the envelope (issue 14 §3): `nodes` nodes with `deployments`
 * Deployments of `replicas` replicas already planned (the old side), one extra Deployment of 10 replicas whose image
 * changes. Times rolloutCluster (placing the old side) and planChanges (the rollout, every other Deployment a
 * bystander) separately; prints one JSON line. Run in its own process:  node bench/rollout-envelope.js 5000 1500 100
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clusterText } from './cluster-docs.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, '../dist/src');
const [nodeCount = 5000, deployments = 1500, replicas = 100] = process.argv.slice(2).map(Number);

const api = await import(pathToFileURL(path.join(DIST, 'index.js')).href);
const rollout = await import(pathToFileURL(path.join(DIST, 'rollout/index.js')).href);

const deployment = (name, n, image) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ns-${name.length % 20}}
spec:
  replicas: ${n}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: app, image: '${image}', resources: {requests: {cpu: 100m, memory: 128Mi}}}
`;
const bystanders = Array.from({ length: deployments }, (_, i) => deployment(`app-${i}`, replicas, 'app:1'));
const side = (image) =>
  api.loadText([...bystanders, deployment('web', 10, image)].join('---\n'), 'apps.yaml').manifests;
const cluster = { manifests: api.loadText(clusterText(nodeCount), 'nodes.yaml').manifests, source: 'nodes.yaml' };
const oldSide = side('web:1');
const newSide = side('web:2');

let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
timer.unref();
const t0 = performance.now();
// As `check --from` does: unchanged Deployments keep their planned pods, only the changed one is simulated.
const simulated = rollout.rolloutWorkloads(oldSide, newSide);
const rc = rollout.rolloutCluster(oldSide, { cluster, simulated });
const t1 = performance.now();
const result = rollout.planChanges(oldSide, newSide, { cluster: rc });
const t2 = performance.now();
peak = Math.max(peak, process.memoryUsage().rss);
const web = result.rollouts.find((r) => r.name === 'web');
process.stdout.write(
  JSON.stringify({
    nodes: nodeCount,
    pods: deployments * replicas + 10,
    clusterMs: Math.round(t1 - t0),
    rolloutMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    steps: web?.events.length ?? null,
    stalled: web?.stalled ?? null,
    skipped: result.findings.filter((f) => f.ruleId === 'rollout/skipped').length,
    peakRssMiB: Math.round(peak / 2 ** 20),
  }) + '\n',
);
