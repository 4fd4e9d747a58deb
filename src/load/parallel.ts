/**
 * `--jobs N`: files are read and parsed by N worker threads (bundle/load-worker.cjs, built from load-worker.ts).
 * A worker sends back each file's findings, text and manifests as plain data (ManifestData: the object and its
 * position tree); the main thread turns them into Manifests exactly as parseText does and puts the files back in
 * input order, so everything after loading — schemas, rules, suppressions, sorting — sees the same input as a
 * single-thread run and prints the same bytes. Files are handed out in small batches as workers finish (big files
 * do not leave a worker idle). A file a worker fails on, or the rest of a worker that dies, is read on the main
 * thread instead: a worker problem never changes the output.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Finding } from '../core/types.js';
import { packageFile } from '../core/package-root.js';
import {
  assembleLoad,
  loadFile,
  loadPlanFile,
  planLoad,
  renderFolders,
  type Render,
  type LoadInputsOptions,
  type LoadPlan,
  type LoadResult,
  type SkippedDocument,
} from './index.js';
import type { LoadLimits } from './limits.js';
import { manifestDataOf, manifestOf, type ManifestData } from './manifest.js';
import { fileSource } from './parse.js';

// node:worker_threads is loaded only when workers start: lint of a few files (hooks, editors) never needs it.
const require = createRequire(import.meta.url);

/** Below this many files, starting workers (≈ 40 ms each) costs more than it saves: read on the main thread. */
export const MIN_FILES_FOR_WORKERS = 64;
/**
 * Nor below this many bytes: lint reads ≈ 7 MB/s on one core, and on 2 cores a worker only paid
 * for itself from about this much input (bench: 9 MB even, 120 MB −4 %). KUBEPLAN_PARALLEL_MIN_BYTES overrides it.
 */
export const MIN_BYTES_FOR_WORKERS = 16 * 1024 * 1024;

/** Whether the files add up to `min` bytes (stops counting once they do). */
function atLeastBytes(plan: LoadPlan, min: number): boolean {
  let total = 0;
  for (const file of plan.files) {
    if (total >= min) return true;
    try {
      total += statSync(path.resolve(plan.cwd, file)).size;
    } catch {
      // unreadable: its finding comes from reading it
    }
  }
  return total >= min;
}

function minBytes(): number {
  const raw = process.env.KUBEPLAN_PARALLEL_MIN_BYTES;
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : MIN_BYTES_FOR_WORKERS;
}

/**
 * The default for --jobs: the cores Node may use, at most 8 (each worker holds its own copy of the loader and its
 * heap; past a few threads the main thread's single-threaded checks dominate).
 */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}

export interface WorkerJob {
  index: number;
  file: string;
  walked: boolean;
}

/** What a worker is started with: every job, and a shared counter from which the workers claim them. */
export interface WorkerRequest {
  cwd: string;
  limits: LoadLimits;
  jobs: WorkerJob[];
  /** Int32 [0]: the index of the next job to claim (Atomics.add). */
  next: SharedArrayBuffer;
}

export type WorkerReply = { index: number; result: LoadedData } | { index: number; error: string } | { done: true };

/** A file's LoadResult as structured-clone data. */
export interface LoadedData {
  manifests: ManifestData[];
  findings: Finding[];
  files: string[];
  sources: Map<string, string>;
  skipped?: SkippedDocument[];
}

/** Reads one job's file (in a worker). */
export function loadJob(request: WorkerRequest, job: WorkerJob): WorkerReply {
  try {
    return { index: job.index, result: toData(loadFile(job.file, request.cwd, request.limits, job.walked)) };
  } catch (err) {
    return { index: job.index, error: err instanceof Error ? err.message : String(err) };
  }
}

function toData(r: LoadResult): LoadedData {
  const manifests = r.manifests.map((m) => {
    const data = manifestDataOf(m);
    if (!data) throw new Error(`manifest ${m.file}#${m.docIndex} has no data to send`);
    return data;
  });
  return {
    manifests,
    findings: r.findings,
    files: r.files,
    sources: r.sources,
    ...(r.skipped ? { skipped: r.skipped } : {}),
  };
}

function fromData(data: LoadedData, limits: LoadLimits): LoadResult {
  const sources = new Map<string, ReturnType<typeof fileSource>>();
  const sourceOf = (file: string) => {
    let source = sources.get(file);
    if (!source) {
      source = fileSource(data.sources.get(file) ?? '', limits);
      sources.set(file, source);
    }
    return source;
  };
  return {
    manifests: data.manifests.map((m) => manifestOf(m, sourceOf(m.file))),
    findings: data.findings,
    files: data.files,
    sources: data.sources,
    ...(data.skipped ? { skipped: data.skipped } : {}),
  };
}

/**
 * Reads the plan's files on `jobs` threads: this one and jobs − 1 workers, which all claim files from a shared
 * counter (so this thread may first block on `options.first`, e.g. rendering folders, without starving them).
 * Resolves to the LoadResults in the plan's order. Undefined when workers would not pay (fewer than
 * MIN_FILES_FOR_WORKERS files or MIN_BYTES_FOR_WORKERS bytes, jobs ≤ 1) or cannot start (no worker file): the
 * caller reads the files itself.
 */
export function loadFilesInWorkers(
  plan: LoadPlan,
  jobs: number,
  options: {
    first?: () => void;
    /** The worker's entry file (tests: one that fails); default bundle/load-worker.cjs. */
    workerFile?: string;
  } = {},
): Promise<LoadResult[]> | undefined {
  const count = Math.min(Math.floor(jobs) - 1, Math.ceil(plan.files.length / 8));
  if (!(count >= 1) || plan.files.length < MIN_FILES_FOR_WORKERS || !atLeastBytes(plan, minBytes())) return undefined;
  let entry: string;
  try {
    entry = options.workerFile ?? packageFile('bundle/load-worker.cjs');
  } catch {
    return undefined;
  }
  const results: Array<LoadResult | undefined> = new Array(plan.files.length);
  const request: WorkerRequest = {
    cwd: plan.cwd,
    limits: plan.limits,
    jobs: plan.files.map((file, index) => ({ index, file, walked: plan.walked.has(file) })),
    next: new SharedArrayBuffer(4),
  };
  const readHere = (index: number) => loadPlanFile(plan, plan.files[index]!);
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const workers = Array.from(
    { length: count },
    () =>
      new Promise<void>((resolve) => {
        // A larger young generation: parsing allocates short-lived objects fast, and two isolates' scavenges
        // compete for the same cores (measured: −8 % wall time at 48 MiB on 2 cores).
        let worker: import('node:worker_threads').Worker;
        try {
          worker = new Worker(entry, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
        } catch {
          // No thread to be had (ERR_WORKER_INIT_FAILED, …): the other threads read its share.
          resolve();
          return;
        }
        const finish = () => {
          void worker.terminate();
          resolve();
        };
        worker.on('message', (reply: WorkerReply) => {
          if ('done' in reply) finish();
          // A file the worker failed on is read here (the same error, if any, then surfaces as it would single-threaded).
          else results[reply.index] = 'error' in reply ? readHere(reply.index) : fromData(reply.result, plan.limits);
        });
        // A worker that dies leaves its claimed files without results: read here below.
        worker.on('error', resolve);
        worker.on('exit', () => resolve());
      }),
  );
  options.first?.();
  // This thread reads its share too (no copy between threads for those); the workers' replies wait meanwhile.
  const next = new Int32Array(request.next);
  for (let index = Atomics.add(next, 0, 1); index < plan.files.length; index = Atomics.add(next, 0, 1))
    results[index] = readHere(index);
  // Array.from, not map: map skips the holes a dead worker leaves.
  return Promise.all(workers).then(() => Array.from(results, (r, index) => r ?? readHere(index)));
}

/** loadInputs with the files read by `jobs` workers (when there are enough of them): the same LoadResult. */
export async function loadInputsInParallel(
  inputs: string[],
  options: LoadInputsOptions,
  jobs: number,
): Promise<LoadResult> {
  const plan = planLoad(inputs, options);
  let renders: Render[] | undefined;
  // Folders are rendered (kubectl kustomize, helm) while the workers start reading the files.
  const reading = loadFilesInWorkers(plan, jobs, { first: () => (renders = renderFolders(plan, options)) });
  const perFile = (await reading) ?? plan.files.map((file) => loadPlanFile(plan, file));
  return assembleLoad(plan, perFile, renders ?? renderFolders(plan, options));
}
