/**
 * The entry of a `--jobs` worker thread (bundled as bundle/load-worker.cjs): claims files from the shared counter until
 * none is left and replies with each one's LoadResult as plain data (see parallel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadJob, type WorkerReply, type WorkerRequest } from './parallel.js';

const request = workerData as WorkerRequest;
const next = new Int32Array(request.next);
const reply = (message: WorkerReply) => parentPort!.postMessage(message);
for (let index = Atomics.add(next, 0, 1); index < request.jobs.length; index = Atomics.add(next, 0, 1))
  reply(loadJob(request, request.jobs[index]!));
reply({ done: true });
