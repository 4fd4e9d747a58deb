/**
 * Rendered input: most teams render before they apply, so a folder with a kustomization is read as
 * `kubectl kustomize` (or `kustomize build`) renders it, and a Helm chart folder as `helm template` renders it —
 * never its raw files (bases and patches are not objects applied together; templates are not YAML).
 *
 * Only tools found on PATH run (never a program from the linted tree: PATH entries inside it are skipped), with
 * their own extension points off: kustomize without alpha plugins, exec functions, Helm or the network; Helm
 * charts rendered offline from what the chart folder holds. Without the tool: one info finding with the command to
 * run, and nothing from the folder is linted.
 *
 * Findings point to the file that defined the object where that can be known — a kustomization's resource file with
 * the object's kind and name, the chart template Helm names in its `# Source:` comment — with lines within the
 * rendered document; else to the kustomization or Chart.yaml.
 */
import { createRequire } from 'node:module';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readRegularFile } from '../core/safe-read.js';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../core/types.js';

// node:child_process is loaded only when a render runs: loading it (net, streams, dgram) costs every start ~3 ms.
const require = createRequire(import.meta.url);

/** A kustomization file or a resource it lists, read to name objects' origins: as large as a manifest may be. */
const MAX_KUSTOMIZE_FILE_BYTES = 10 * 1024 * 1024;

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
export const CHART_FILE = 'Chart.yaml';

/** Rendering one folder must not hang a commit: generous for big overlays, bounded for a stuck tool. */
const RENDER_TIMEOUT_MS = 60_000;

export type RenderKind = 'kustomize' | 'helm';

/** The kind of rendered input `dir` (absolute) is, if any. */
export function renderKind(dir: string): RenderKind | undefined {
  if (KUSTOMIZATION_FILES.some((f) => existsSync(path.join(dir, f)))) return 'kustomize';
  if (existsSync(path.join(dir, CHART_FILE))) return 'helm';
  return undefined;
}

/** One rendered file's worth of documents: the display path findings use, and its text. */
export interface RenderedPart {
  file: string;
  text: string;
}

export interface RenderResult {
  parts: RenderedPart[];
  findings: Finding[];
}

function finding(file: string, ruleId: string, severity: Finding['severity'], message: string): Finding {
  return { ruleId, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** An executable named `name` on PATH, outside `tree` (absolute). */
export function findTool(name: string, env: Record<string, string | undefined>, tree: string): string | undefined {
  for (const entry of (env.PATH ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(entry)) continue; // '' and '.' would mean the working directory: the linted tree
    const resolved = path.resolve(entry);
    if (resolved === tree || resolved.startsWith(tree + path.sep)) continue;
    const candidate = path.join(resolved, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface RenderOptions {
  /** Display path of `dir` (relative to cwd). */
  display: string;
  /** The working directory: programs found inside it are never run. */
  cwd: string;
  env: Record<string, string | undefined>;
  maxBytes: number;
}

/** Renders the folder `dir` (absolute). */
export function renderFolder(dir: string, kind: RenderKind, options: RenderOptions): RenderResult {
  return kind === 'kustomize' ? renderKustomization(dir, options) : renderChart(dir, options);
}

function run(tool: string, args: string[], options: RenderOptions): { out?: string; error?: string } {
  try {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const out = execFileSync(tool, args, {
      cwd: options.cwd,
      // Only what the tool needs to start; no credentials or plugin paths from the caller's environment.
      env: { PATH: options.env.PATH ?? '', HOME: options.env.HOME ?? '/nonexistent', HELM_PLUGINS: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RENDER_TIMEOUT_MS,
      maxBuffer: options.maxBytes,
    });
    return { out: out.toString('utf8') };
  } catch (err) {
    const e = err as { stderr?: Buffer; message?: string; code?: string };
    const stderr = e.stderr?.toString('utf8').trim().split('\n')[0];
    return { error: stderr || e.code || e.message || 'failed' };
  }
}

function kustomizationFile(dir: string): string {
  return KUSTOMIZATION_FILES.find((f) => existsSync(path.join(dir, f))) ?? KUSTOMIZATION_FILES[0]!;
}

export function renderKustomization(dir: string, options: RenderOptions): RenderResult {
  const kfile = path.join(options.display, kustomizationFile(dir)).split(path.sep).join('/');
  const kubectl = findTool('kubectl', options.env, options.cwd);
  const kustomize = kubectl ? undefined : findTool('kustomize', options.env, options.cwd);
  // Plugins, exec/container functions, Helm and the network stay off; the load restrictor stays at its default
  // (files from inside the kustomization root only).
  const safety = ['--enable-alpha-plugins=false', '--enable-helm=false', '--network=false'];
  const rendered = kubectl
    ? run(kubectl, ['kustomize', dir, ...safety], options)
    : kustomize
      ? run(kustomize, ['build', dir, ...safety], options)
      : undefined;
  if (!rendered)
    return {
      parts: [],
      findings: [
        finding(
          kfile,
          'input/not-rendered',
          'info',
          `a kustomization: its files are not linted raw; kubectl (or kustomize) is not on PATH to render it — run \`kubectl kustomize ${options.display} | kubeplan check -\``,
        ),
      ],
    };
  if (rendered.error !== undefined)
    return {
      parts: [],
      findings: [
        finding(kfile, 'input/render-failed', 'error', `kustomize cannot render this folder: ${rendered.error}`),
      ],
    };
  const origins = kustomizeOrigins(dir, options.display, options.cwd);
  return { parts: splitByOrigin(rendered.out ?? '', (kind, name) => origins(kind, name) ?? kfile), findings: [] };
}

export function renderChart(dir: string, options: RenderOptions): RenderResult {
  const chartFile = path.join(options.display, CHART_FILE).split(path.sep).join('/');
  const helm = findTool('helm', options.env, options.cwd);
  if (!helm)
    return {
      parts: [],
      findings: [
        finding(
          chartFile,
          'input/not-rendered',
          'info',
          `a Helm chart: its templates are not linted raw; helm is not on PATH to render it — run \`helm template ${options.display} | kubeplan check -\``,
        ),
      ],
    };
  const rendered = run(helm, ['template', 'kubeplan', dir], options);
  if (rendered.error !== undefined)
    return {
      parts: [],
      findings: [
        finding(chartFile, 'input/render-failed', 'error', `helm cannot render this chart: ${rendered.error}`),
      ],
    };
  // Helm names templates `<chart name>/templates/x.yaml`; findings show them under the chart folder.
  const parts = splitHelmStream(rendered.out ?? '') ?? [{ file: chartFile, text: rendered.out ?? '' }];
  return {
    parts: parts.map((p) => ({
      ...p,
      file: p.file.replace(/^[^/]+\//, `${options.display.split(path.sep).join('/')}/`),
    })),
    findings: [],
  };
}

/** Folders (absolute) a kustomization includes as resources, bases or components: rendered with it, not alone. */
export function includedKustomizations(dir: string): string[] {
  try {
    const spec = (parseAllDocuments(readInside(path.join(dir, kustomizationFile(dir)), dir))[0]?.toJS() ??
      {}) as Record<string, unknown>;
    return ['resources', 'bases', 'components']
      .flatMap((key) => (Array.isArray(spec[key]) ? (spec[key] as unknown[]) : []))
      .filter((entry): entry is string => typeof entry === 'string' && !/:\/\//.test(entry))
      .map((entry) => path.resolve(dir, entry));
  } catch {
    return [];
  }
}

/** Splits a multi-document stream at `---` lines (outside block scalars, as kubectl and helm print them). */
function documents(text: string): string[] {
  return text.split(/^---[ \t]*(?:#.*)?\r?\n/m).filter((doc) => doc.trim() !== '');
}

/**
 * `helm template` output: every document starts with `# Source: <chart>/templates/<file>`. Documents are grouped by
 * that path (in order), so each finding's line is within the rendered text of its template. Undefined when the
 * stream has no such comments.
 */
export function splitHelmStream(text: string): RenderedPart[] | undefined {
  if (!/^# Source: /m.test(text)) return undefined;
  const groups = new Map<string, string[]>();
  for (const doc of documents(text)) {
    const source = /^# Source: (.+?)\s*$/m.exec(doc)?.[1] ?? '<stdin>';
    groups.set(source, [...(groups.get(source) ?? []), doc]);
  }
  return [...groups].map(([file, docs]) => ({ file, text: docs.join('---\n') }));
}

function splitByOrigin(text: string, origin: (kind: string, name: string) => string): RenderedPart[] {
  const groups = new Map<string, string[]>();
  for (const doc of documents(text)) {
    const kind = /^kind:\s*(\S+)/m.exec(doc)?.[1] ?? '';
    const name =
      /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*(\S+)/m.exec(doc)?.[1]?.replace(/^["']|["']$/g, '') ?? '';
    const file = origin(kind, name);
    groups.set(file, [...(groups.get(file) ?? []), doc]);
  }
  return [...groups].map(([file, docs]) => ({ file, text: docs.join('---\n') }));
}

/**
 * Where a kustomization's objects come from: the resource files it (and the kustomizations it includes) lists,
 * read as data. An object is matched by kind and by name — equal, or with namePrefix/nameSuffix around it.
 */
function kustomizeOrigins(
  dir: string,
  display: string,
  /** Resource files are read only inside this folder (the working directory): see readInside. */
  root: string,
): (kind: string, name: string) => string | undefined {
  const defined: Array<{ kind: string; name: string; file: string }> = [];
  const seen = new Set<string>();
  const visit = (kdir: string) => {
    if (seen.has(kdir) || seen.size > 200) return;
    seen.add(kdir);
    let spec: Record<string, unknown>;
    try {
      spec = (parseAllDocuments(readInside(path.join(kdir, kustomizationFile(kdir)), root))[0]?.toJS() ?? {}) as Record<
        string,
        unknown
      >;
    } catch {
      return;
    }
    for (const key of ['resources', 'bases', 'components']) {
      const list = spec[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry !== 'string' || /:\/\/|^github\.com\//.test(entry)) continue; // remote: not in the tree
        const target = path.resolve(kdir, entry);
        try {
          if (statSync(target).isDirectory()) visit(target);
          else readObjects(target);
        } catch {
          // missing: kustomize reported it already
        }
      }
    }
  };
  const readObjects = (file: string) => {
    try {
      for (const doc of parseAllDocuments(readInside(file, root))) {
        const obj = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
        if (obj && typeof obj.kind === 'string' && typeof obj.metadata?.name === 'string')
          defined.push({
            kind: obj.kind,
            name: obj.metadata.name,
            file: path.join(display, path.relative(dir, file)).split(path.sep).join('/'),
          });
      }
    } catch {
      // unreadable: the object stays attributed to the kustomization
    }
  };
  visit(dir);
  return (kind, name) => {
    const sameKind = defined.filter((d) => d.kind === kind);
    const exact = sameKind.filter((d) => d.name === name);
    if (exact.length === 1) return exact[0]!.file;
    const affixed = sameKind.filter((d) => name.startsWith(d.name) || name.endsWith(d.name));
    return exact.length === 0 && affixed.length === 1 ? affixed[0]!.file : undefined;
  };
}

/**
 * A kustomization's own files, read as data: regular files inside `root` only (a resource `/dev/zero` or a symlink to
 * /etc/passwd is not read), capped; throws otherwise, as a missing file did (the callers skip it).
 */
function readInside(file: string, root: string): string {
  const read = readRegularFile(file, { root, maxBytes: MAX_KUSTOMIZE_FILE_BYTES });
  if (!read.ok) throw new Error(read.message);
  return read.bytes.toString('utf8');
}
