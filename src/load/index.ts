/** Reading inputs: texts, files, folders, globs and stdin → Manifests + findings. */
import path from 'node:path';
import type { Finding, Manifest } from '../core/types.js';
import { decodeBytes } from './decode.js';
import { expandInputs, type ExpandOptions } from './inputs.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';
import { parseText } from './parse.js';
import { readRegularFile } from '../core/safe-read.js';
import { includedKustomizations, renderFolder, renderKind, splitHelmStream } from './render.js';

export { DEFAULT_LIMITS, type LoadLimits } from './limits.js';
export { isPlainObject, refOf } from './parse.js';

export interface LoadResult {
  manifests: Manifest[];
  findings: Finding[];
  /** Files read, in the order read (sorted). */
  files: string[];
  /** Decoded text of each file read (for code frames and suppression comments). */
  sources: Map<string, string>;
  /**
   * Documents of walked files with neither apiVersion nor kind: not Kubernetes objects (a docker-compose file, an
   * OpenAPI spec), so not checked; counted in the summary. Absent when there are none.
   */
  skipped?: SkippedDocument[];
  /** Folders read rendered (absolute) and the display files their objects were attributed to. */
  rendered?: Array<{ dir: string; files: string[] }>;
}

export interface SkippedDocument {
  file: string;
  line: number;
  reason: string;
}

const NOT_KUBERNETES = 'neither apiVersion nor kind: not a Kubernetes object';

/** A document with neither key is someone else's YAML; one with either is a Kubernetes object missing the other. */
export function isKubernetesObject(m: Manifest): boolean {
  // An item of a `kind: List` is one whatever it lacks (the List says so).
  if (m.itemIndex !== undefined) return true;
  return Object.hasOwn(m.object, 'apiVersion') || Object.hasOwn(m.object, 'kind');
}

/**
 * Takes the non-Kubernetes documents out of `r`: skipped (and listed) when the file was found by a walk, a warning
 * when it was named (someone asked for that file: silence would hide a mistake).
 */
function withoutNonKubernetes(r: LoadResult, walked: boolean): LoadResult {
  if (r.manifests.every(isKubernetesObject)) return r;
  const manifests: Manifest[] = [];
  const findings = [...r.findings];
  const skipped: SkippedDocument[] = [...(r.skipped ?? [])];
  for (const m of r.manifests) {
    if (isKubernetesObject(m)) {
      manifests.push(m);
      continue;
    }
    const at = m.locate([], 'value');
    if (walked) skipped.push({ file: m.file, line: at.line, reason: NOT_KUBERNETES });
    else
      findings.push({
        ruleId: 'input/not-kubernetes',
        severity: 'warning',
        message: `document has ${NOT_KUBERNETES}; not checked`,
        file: m.file,
        ...at,
      });
  }
  return { ...r, manifests, findings, ...(skipped.length > 0 ? { skipped } : {}) };
}

/** Parses one in-memory text (an editor buffer, stdin, a test fixture). */
export function loadText(text: string, file: string, limits: Partial<LoadLimits> = {}): LoadResult {
  const effective = { ...DEFAULT_LIMITS, ...limits };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > effective.maxFileBytes)
    return { manifests: [], findings: [tooLarge(file, bytes, effective)], files: [file], sources: new Map() };
  const { manifests, findings } = parseText(text, file, effective);
  return { manifests, findings, files: [file], sources: new Map([[file, text]]) };
}

/** Parses bytes (a file's content), decoding BOMs/UTF-16 and rejecting binary data. */
export function loadBytes(bytes: Uint8Array, file: string, limits: Partial<LoadLimits> = {}): LoadResult {
  const effective = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length > effective.maxFileBytes)
    return { manifests: [], findings: [tooLarge(file, bytes.length, effective)], files: [file], sources: new Map() };
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    return {
      manifests: [],
      findings: [
        {
          ruleId: decoded.ruleId,
          severity: 'error',
          message: decoded.message,
          file,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
      files: [file],
      sources: new Map(),
    };
  }
  return loadText(decoded.text, file, effective);
}

export interface LoadInputsOptions extends ExpandOptions {
  limits?: Partial<LoadLimits>;
  /** Content for the `-` input. */
  stdin?: Uint8Array | string;
  /** Name shown for stdin findings (editors pass the buffer's path). */
  stdinFilename?: string;
  /** Environment for finding kubectl/kustomize/helm on PATH (default: the process's). */
  env?: Record<string, string | undefined>;
}

/** Reads every input: `-` is stdin; the rest are files, folders or globs. */
export function loadInputs(inputs: string[], options: LoadInputsOptions = {}): LoadResult {
  const plan = planLoad(inputs, options);
  const perFile = plan.files.map((file) => loadPlanFile(plan, file));
  return assembleLoad(plan, perFile, renderFolders(plan, options));
}

/** What reading the inputs involves, before any file is read (see loadInputs; --jobs reads `files` in workers). */
export interface LoadPlan {
  cwd: string;
  limits: LoadLimits;
  /** The stdin input, loaded (it is in memory already). */
  stdin: LoadResult[];
  /** The walk's findings (missing inputs, refused symlinks, …). */
  findings: Finding[];
  /** Files to read, in order, as displayed. */
  files: string[];
  /** Of those, the ones found by walking a folder (not named). */
  walked: ReadonlySet<string>;
  /** Folders to render (kustomizations, charts). */
  rendered: string[];
}

export function planLoad(inputs: string[], options: LoadInputsOptions = {}): LoadPlan {
  const cwd = options.cwd ?? process.cwd();
  const stdin: LoadResult[] = [];
  if (inputs.includes('-')) {
    const name = options.stdinFilename ?? '<stdin>';
    const content = options.stdin ?? '';
    // `helm template … | kubeplan check -`: each document is shown as the template Helm names in `# Source:`.
    const text = typeof content === 'string' ? content : undefined;
    const helm = text === undefined ? helmStreamOf(content as Uint8Array) : splitHelmStream(text);
    if (helm) for (const part of helm) stdin.push(loadText(part.text, part.file, options.limits));
    else
      stdin.push(
        typeof content === 'string'
          ? loadText(content, name, options.limits)
          : loadBytes(content, name, options.limits),
      );
  }
  const expanded = expandInputs(
    inputs.filter((i) => i !== '-'),
    options,
  );
  return {
    cwd,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    stdin,
    findings: expanded.findings,
    files: expanded.files,
    walked: expanded.walked,
    rendered: expanded.rendered,
  };
}

/** Reads one of the plan's files (see loadFile). */
export function loadPlanFile(plan: LoadPlan, file: string): LoadResult {
  return loadFile(file, plan.cwd, plan.limits, plan.walked.has(file));
}

/** Reads one file of a walk or of the inputs (`walked`: found by walking a folder) and takes out non-Kubernetes documents. */
export function loadFile(file: string, cwd: string, limits: LoadLimits, walked: boolean): LoadResult {
  // The walk already refused symlinks leaving the tree; the read still takes regular files only, capped.
  const read = readRegularFile(path.resolve(cwd, file), { maxBytes: limits.maxFileBytes });
  if (read.ok) return withoutNonKubernetes(loadBytes(read.bytes, file, limits), walked);
  if (read.reason === 'too-large')
    return { manifests: [], findings: [tooLarge(file, read.size ?? 0, limits)], files: [file], sources: new Map() };
  const unreadable: Finding = {
    ruleId: 'input/unreadable',
    severity: 'error',
    message: read.message,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
  return { manifests: [], findings: [unreadable], files: [], sources: new Map() };
}

/** A folder read rendered (kustomization, chart): what rendering found, and its output's files, parsed. */
export interface Render {
  dir: string;
  findings: Finding[];
  parts: LoadResult[];
  /** The display files its objects are attributed to. */
  files: string[];
}

/** The plan's folders that are read rendered, rendered (kustomizations another one includes render with it). */
export function renderFolders(plan: LoadPlan, options: LoadInputsOptions): Render[] {
  const { cwd, limits } = plan;
  const included = new Set(
    plan.rendered.flatMap((dir) => (renderKind(dir) === 'kustomize' ? includedKustomizations(dir) : [])),
  );
  return plan.rendered
    .filter((dir) => !included.has(dir))
    .map((dir) => {
      const result = renderFolder(dir, renderKind(dir)!, {
        display: path.relative(cwd, dir) || '.',
        cwd,
        env: options.env ?? process.env,
        maxBytes: limits.maxFileBytes,
      });
      return {
        dir,
        findings: result.findings,
        parts: result.parts.map((part) => loadText(part.text, part.file, options.limits)),
        files: result.parts.map((part) => part.file),
      };
    });
}

/** One LoadResult from the plan, its files' results (in the plan's file order) and its renders. */
export function assembleLoad(plan: LoadPlan, perFile: LoadResult[], renders: Render[]): LoadResult {
  const manifests: Manifest[] = [];
  const findings: Finding[] = [];
  const files: string[] = [];
  const sources = new Map<string, string>();
  const skipped: SkippedDocument[] = [];
  const add = (loaded: LoadResult, walked = false) => {
    const r = withoutNonKubernetes(loaded, walked);
    for (const m of r.manifests) manifests.push(m);
    for (const f of r.findings) findings.push(f);
    for (const f of r.files) files.push(f);
    for (const [file, text] of r.sources) sources.set(file, text);
    for (const s of r.skipped ?? []) skipped.push(s);
  };
  for (const r of plan.stdin) add(r);
  for (const f of plan.findings) findings.push(f);
  for (const r of perFile) add(r);
  for (const render of renders) {
    for (const f of render.findings) findings.push(f);
    for (const part of render.parts) add(part);
  }
  return {
    manifests,
    findings,
    files: [...new Set(files)],
    sources,
    ...(skipped.length > 0 ? { skipped } : {}),
    ...(renders.length ? { rendered: renders.map(({ dir, files }) => ({ dir, files })) } : {}),
  };
}

/** A Helm-rendered stream on stdin as bytes (UTF-8 only: Helm writes UTF-8). */
function helmStreamOf(bytes: Uint8Array) {
  if (bytes.length === 0 || bytes.length > 64 * 1024 * 1024) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.includes('\uFFFD') ? undefined : splitHelmStream(text);
}

function tooLarge(file: string, size: number, limits: LoadLimits): Finding {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return {
    ruleId: 'input/too-large',
    severity: 'error',
    message: `file is ${mib(size)}, over the ${mib(limits.maxFileBytes)} limit; not checked (raise with --max-file-size)`,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}
