/**
 * The language server's view of the workspace: every manifest file of the workspace folders (read the way
 * `kubeplan lint FOLDER` reads them: the folder's `.kubeplan.yaml` include/exclude, the same load limits), with open
 * documents' unsaved text in place of what is on disk. An open document is linted with the rest of its folder as
 * context, so cross-object rules (a Service that selects no pods, an Ingress to a missing Service) run in the editor.
 *
 * Everything here goes through the library API (loadConfigFor, loadForLint, loadText, checkLoaded).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfigFor, type LoadConfigResult } from '../api/config.js';
import type { Finding, Manifest } from '../core/types.js';
import { checkLoaded, loadForLint, type LintOptions } from '../lint.js';
import { loadText, type LoadResult } from '../load/index.js';
import { isKnownNonManifestPath, isKubernetesDocument } from './scope.js';

/** Rules that look for objects in other files: silent for a document outside every workspace folder. */
export const CROSS_FILE_RULES = new Set([
  'missing-reference',
  'hpa-target-missing',
  'ingress-missing-service',
  'statefulset-service-not-headless',
  'service-selects-no-pods',
  'pdb-selects-nothing',
  'networkpolicy-selects-nothing',
  'ingress-tls-secret-missing',
]);

/** One file's objects (Kubernetes documents only) and text. */
interface Entry {
  manifests: Manifest[];
  text: string;
  /** The loader's findings (YAML errors), for the open document's diagnostics. */
  findings: Finding[];
  /** Read from an editor buffer under its absolute path (not from the folder walk). */
  fromBuffer?: boolean;
}

export interface LintOutcome {
  findings: Finding[];
  /** False when the document is not a manifest (a workflow, Helm values, excluded by the config): no diagnostics. */
  linted: boolean;
}

export class Workspace {
  /** Absolute path → its objects, for every indexed file and every open document. */
  private readonly entries = new Map<string, Entry>();
  /** Files that are open in the editor (their entry comes from the buffer, not the disk). */
  private readonly open = new Set<string>();
  /** Files the folder walk selected (include/exclude applied), per folder. */
  private readonly indexed = new Map<string, Set<string>>();
  private readonly configs = new Map<string, LoadConfigResult>();
  /** Bumped on every change of the indexed objects (plans are cached per revision). */
  revision = 0;

  constructor(
    readonly folders: string[],
    private readonly base: LintOptions = {},
  ) {}

  /** (Re)reads every folder from disk, keeping open documents' buffers. */
  indexAll(): void {
    for (const folder of this.folders) this.indexFolder(folder);
  }

  indexFolder(folder: string): void {
    this.revision++;
    const config = this.configFor(folder);
    const loaded = loadForLint([folder], { ...this.base, config, cwd: folder });
    for (const [file] of this.entries) if (isInside(file, folder) && !this.open.has(file)) this.entries.delete(file);
    const files = new Set<string>();
    const byFile = new Map<string, Entry>();
    for (const file of loaded.files) {
      const absolute = path.resolve(folder, file);
      if (isKnownNonManifestPath(absolute)) continue;
      files.add(absolute);
      byFile.set(absolute, { manifests: [], text: loaded.sources.get(file) ?? '', findings: [] });
    }
    for (const m of loaded.manifests) {
      const entry = byFile.get(path.resolve(folder, m.file));
      if (entry && isKubernetesDocument(m)) entry.manifests.push(m);
    }
    for (const [file, entry] of byFile) if (!this.open.has(file)) this.entries.set(file, entry);
    this.indexed.set(folder, files);
  }

  /** The folder a file belongs to (the innermost), if any. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders)
      if (isInside(file, folder) && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  /** The `.kubeplan.yaml` the CLI would use for a file or folder (cached per folder until a config file changes). */
  configFor(target: string): LoadConfigResult {
    const dir = existsSync(target) && !path.extname(target) ? target : path.dirname(target);
    let config = this.configs.get(dir);
    if (!config) {
      config = loadConfigFor(dir);
      this.configs.set(dir, config);
    }
    return config;
  }

  /** A config file changed: every cached config and every folder index is stale. */
  reloadConfigs(): void {
    this.revision++;
    this.configs.clear();
    this.indexAll();
  }

  /** An open document's text changed (or it was opened). */
  setOpen(file: string, text: string): void {
    this.open.add(file);
    const current = this.entries.get(file);
    // An entry from the folder walk names its file relative to the folder: the buffer's is read again, by path.
    if (current?.text === text && current.fromBuffer) return;
    this.revision++;
    this.entries.set(file, this.read(file, text));
  }

  /** Closed: the file on disk is what the workspace holds again. */
  close(file: string): void {
    this.open.delete(file);
    this.refreshFromDisk(file);
  }

  /** A file changed, appeared or vanished on disk (not open: open buffers win). */
  refreshFromDisk(file: string): void {
    if (this.open.has(file)) return;
    this.revision++;
    const folder = this.folderOf(file);
    if (!folder) {
      this.entries.delete(file);
      return;
    }
    if (!existsSync(file)) {
      this.entries.delete(file);
      this.indexed.get(folder)?.delete(file);
      return;
    }
    // Read the one file the way the folder walk does (include/exclude from the folder's config, limits).
    const loaded = loadForLint([file], { ...this.base, config: this.configFor(folder), cwd: folder });
    if (loaded.files.length === 0 || isKnownNonManifestPath(file)) {
      this.entries.delete(file);
      this.indexed.get(folder)?.delete(file);
      return;
    }
    this.indexed.get(folder)?.add(file);
    this.entries.set(file, {
      manifests: loaded.manifests.filter(isKubernetesDocument),
      text: loaded.sources.get(loaded.files[0]!) ?? '',
      findings: [],
    });
  }

  /** The objects of an open document (parsed once per text; hovers reuse them). */
  manifestsOf(file: string): Manifest[] {
    return this.entries.get(file)?.manifests ?? [];
  }

  /** Every object of the file's folder (the file's own from its buffer), for plans and hovers. */
  folderManifests(file: string): Manifest[] {
    const folder = this.folderOf(file);
    const out: Manifest[] = [];
    for (const [other, entry] of this.entries) {
      if (other === file || (folder ? isInside(other, folder) : false)) for (const m of entry.manifests) out.push(m);
    }
    return out;
  }

  /** Whether the file is a manifest this workspace lints (not a workflow, values file, or excluded by the config). */
  isManifestFile(file: string): boolean {
    if (isKnownNonManifestPath(file)) return false;
    const folder = this.folderOf(file);
    // A file on disk in an indexed folder that the walk did not select is excluded by the config's include/exclude.
    if (folder && this.indexed.has(folder) && existsSync(file) && !this.indexed.get(folder)!.has(file)) return false;
    return true;
  }

  /** Lints an open document with the rest of its folder as context; findings for the document only. */
  lint(file: string, extra: LintOptions = {}): LintOutcome {
    const entry = this.entries.get(file);
    if (!entry || !this.isManifestFile(file)) return { findings: [], linted: false };
    const folder = this.folderOf(file);
    const config = this.configFor(file);
    const loaded: LoadResult = {
      manifests: [...entry.manifests],
      findings: [...entry.findings],
      files: [file],
      sources: new Map([[file, entry.text]]),
    };
    if (folder) {
      for (const [other, e] of this.entries) {
        if (other === file || !isInside(other, folder)) continue;
        for (const m of e.manifests) loaded.manifests.push(m);
        loaded.files.push(other);
        loaded.sources.set(other, e.text);
      }
    }
    const result = checkLoaded(loaded, { ...this.base, ...extra, config, cwd: folder ?? path.dirname(file) });
    const findings = result.findings.filter(
      (f) => f.file === file && (folder !== undefined || !CROSS_FILE_RULES.has(f.ruleId)),
    );
    return { findings, linted: true };
  }

  private read(file: string, text: string): Entry {
    const loaded = loadText(text, file, this.base.limits);
    return {
      manifests: loaded.manifests.filter(isKubernetesDocument),
      text,
      findings: loaded.findings,
      fromBuffer: true,
    };
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
