/**
 * `kubeplan lsp`: a language server over stdio.
 *
 * - Each open manifest is linted with the rest of its workspace folder as context (workspace.ts), with the
 *   `.kubeplan.yaml` the CLI would use for it; other YAML (workflows, Helm values) gets no diagnostics (scope.ts).
 * - Edits are debounced (200 ms) and only the newest version of a document is linted; requests (hover, code
 *   actions) are answered as they arrive, from the last parse, never after a queued lint.
 * - A lint of one document re-lints the other open documents of its folder (a Service's selector in one file and
 *   the Deployment's labels in another), so a cross-file finding appears and disappears as either file changes.
 * - Hovers: field documentation, and on a workload, Service or Ingress what the planner makes of it (hover.ts).
 * - Code actions: quick fixes and "disable this rule" (actions.ts).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding } from '../core/types.js';
import type { LintOptions } from '../lint.js';
import { codeActions } from './actions.js';
import { toDiagnostic } from './diagnostics.js';
import { frame, MessageReader } from './framing.js';
import { hoverAt } from './hover.js';
import { planHover } from './plan-hover.js';
import { Workspace } from './workspace.js';

interface Request {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
}

export interface LanguageServerIO {
  write: (text: string) => void;
  exit: (code: number) => void;
}

export interface LanguageServerOptions extends LintOptions {
  /** Quiet time after the last change before a lint (default 200 ms). */
  debounceMs?: number;
}

interface OpenDocument {
  uri: string;
  file: string;
  text: string;
  version: number;
  /** The findings of the last lint and the version they are for (code actions use them). */
  findings: Finding[];
  lintedVersion: number;
}

export function createLanguageServer(io: LanguageServerIO, options: LanguageServerOptions = {}) {
  const { debounceMs = 200, ...lintOptions } = options;
  let workspace = new Workspace([], lintOptions);
  const documents = new Map<string, OpenDocument>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let shutdown = false;
  let nextRequestId = 1;
  const send = (message: unknown) => io.write(frame(message));
  const reply = (id: Request['id'], result: unknown) => send({ jsonrpc: '2.0', id, result });
  const fail = (id: Request['id'], code: number, message: string) =>
    send({ jsonrpc: '2.0', id, error: { code, message } });

  const publish = (uri: string, diagnostics: unknown[], version?: number) =>
    send({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri, ...(version !== undefined ? { version } : {}), diagnostics },
    });

  /** Lints the document's current version; with `cascade`, then the other open documents of its folder. */
  const lintNow = (uri: string, cascade: boolean) => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    workspace.setOpen(doc.file, doc.text);
    const outcome = workspace.lint(doc.file, { fixes: true });
    doc.findings = outcome.findings;
    doc.lintedVersion = doc.version;
    publish(uri, outcome.findings.map(toDiagnostic), doc.version);
    if (!cascade) return;
    const folder = workspace.folderOf(doc.file);
    if (folder === undefined) return;
    for (const other of documents.values()) {
      if (other.uri !== uri && workspace.folderOf(other.file) === folder) schedule(other.uri, debounceMs, false);
    }
  };

  /** Runs a lint after `delay` (a newer schedule for the same document replaces it: stale work is dropped). */
  const schedule = (uri: string, delay: number, cascade: boolean) => {
    const pending = timers.get(uri);
    if (pending) {
      // A refresh never downgrades a pending edit-triggered lint (which cascades).
      clearTimeout(pending);
      cascade = cascade || pendingCascade.has(uri);
    }
    if (cascade) pendingCascade.add(uri);
    else pendingCascade.delete(uri);
    timers.set(
      uri,
      setTimeout(() => {
        pendingCascade.delete(uri);
        try {
          lintNow(uri, cascade);
        } catch (err) {
          log(1, `lint of ${uri} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }, delay),
    );
  };
  const pendingCascade = new Set<string>();

  const log = (type: number, message: string) =>
    send({ jsonrpc: '2.0', method: 'window/logMessage', params: { type, message: `kubeplan: ${message}` } });

  const initialize = (params: Record<string, unknown>) => {
    const folders: string[] = [];
    const given = params.workspaceFolders as { uri?: unknown }[] | null | undefined;
    if (Array.isArray(given)) {
      for (const f of given) if (typeof f?.uri === 'string' && f.uri.startsWith('file:')) folders.push(toPath(f.uri));
    } else if (typeof params.rootUri === 'string' && params.rootUri.startsWith('file:')) {
      folders.push(toPath(params.rootUri));
    } else if (typeof params.rootPath === 'string') {
      folders.push(params.rootPath);
    }
    workspace = new Workspace(folders, lintOptions);
    try {
      workspace.indexAll();
    } catch (err) {
      log(1, `could not index the workspace: ${err instanceof Error ? err.message : String(err)}`);
    }
    const capabilities = params.capabilities as
      { workspace?: { didChangeWatchedFiles?: { dynamicRegistration?: boolean } } } | undefined;
    watchFiles = capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  };
  let watchFiles = false;

  const relintAll = () => {
    for (const doc of documents.values()) schedule(doc.uri, 0, false);
  };

  const fileEvents = (changes: unknown) => {
    if (!Array.isArray(changes)) return;
    let config = false;
    for (const change of changes as { uri?: unknown }[]) {
      if (typeof change?.uri !== 'string' || !change.uri.startsWith('file:')) continue;
      const file = toPath(change.uri);
      if (/(^|[\\/])\.kubeplan\.ya?ml$/.test(file)) config = true;
      else workspace.refreshFromDisk(file);
    }
    if (config) workspace.reloadConfigs();
    relintAll();
  };

  const handle = (msg: Request) => {
    if (msg.method === undefined) return; // a response to one of our requests (registerCapability)
    const params = msg.params ?? {};
    const doc = (params.textDocument ?? {}) as { uri?: string; text?: string; version?: number };
    const open = typeof doc.uri === 'string' ? documents.get(doc.uri) : undefined;
    switch (msg.method) {
      case 'initialize':
        initialize(params);
        return reply(msg.id, {
          capabilities: {
            textDocumentSync: { openClose: true, change: 1, save: { includeText: true } },
            hoverProvider: true,
            codeActionProvider: { codeActionKinds: ['quickfix'] },
          },
          serverInfo: { name: 'kubeplan' },
        });
      case 'initialized':
        if (watchFiles)
          send({
            jsonrpc: '2.0',
            id: `kubeplan-${nextRequestId++}`,
            method: 'client/registerCapability',
            params: {
              registrations: [
                {
                  id: 'kubeplan-watch',
                  method: 'workspace/didChangeWatchedFiles',
                  registerOptions: {
                    watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.kubeplan.{yaml,yml}' }],
                  },
                },
              ],
            },
          });
        return;
      case 'textDocument/didOpen':
        if (typeof doc.uri === 'string' && typeof doc.text === 'string') {
          documents.set(doc.uri, {
            uri: doc.uri,
            file: toPath(doc.uri),
            text: doc.text,
            version: typeof doc.version === 'number' ? doc.version : 0,
            findings: [],
            lintedVersion: -1,
          });
          workspace.setOpen(toPath(doc.uri), doc.text);
          schedule(doc.uri, 0, true);
        }
        return;
      case 'textDocument/didChange': {
        const changes = params.contentChanges as { text?: string }[] | undefined;
        const last = changes?.[changes.length - 1];
        if (open && typeof last?.text === 'string') {
          open.text = last.text;
          open.version = typeof doc.version === 'number' ? doc.version : open.version + 1;
          schedule(open.uri, debounceMs, true);
        }
        return;
      }
      case 'textDocument/didSave':
        if (open) {
          if (typeof params.text === 'string') open.text = params.text;
          schedule(open.uri, 0, true);
        }
        return;
      case 'textDocument/didClose':
        if (open) {
          const pending = timers.get(open.uri);
          if (pending) clearTimeout(pending);
          timers.delete(open.uri);
          documents.delete(open.uri);
          workspace.close(open.file);
          publish(open.uri, []);
          // What the other open documents see of this file is the disk's version again.
          for (const other of documents.values())
            if (workspace.folderOf(other.file) === workspace.folderOf(open.file)) schedule(other.uri, 0, false);
        }
        return;
      case 'workspace/didChangeWatchedFiles':
        return fileEvents(params.changes);
      case 'workspace/didChangeWorkspaceFolders':
        return;
      case '$/cancelRequest':
        // Requests are answered as they arrive, so there is never one to cancel; stale lints are dropped by
        // debouncing (a newer version replaces the pending lint).
        return;
      case 'textDocument/hover': {
        if (!open) return reply(msg.id, null);
        workspace.setOpen(open.file, open.text);
        const manifests = workspace.manifestsOf(open.file);
        const planned = workspace.isManifestFile(open.file)
          ? planHover(open.file, manifests, params.position, workspace)
          : null;
        return reply(msg.id, planned ?? hoverAt(manifests, params.position));
      }
      case 'textDocument/codeAction': {
        if (!open || open.lintedVersion !== open.version) return reply(msg.id, []);
        const range = params.range as Parameters<typeof codeActions>[4] | undefined;
        if (!range?.start || !range.end) return reply(msg.id, []);
        return reply(msg.id, codeActions(open.uri, open.text, open.findings, workspace.manifestsOf(open.file), range));
      }
      case 'shutdown':
        shutdown = true;
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
        return reply(msg.id, null);
      case 'exit':
        return io.exit(shutdown ? 0 : 1);
      default:
        if (msg.id !== undefined) fail(msg.id, -32601, `method not found: ${msg.method}`);
    }
  };

  return new MessageReader(
    (m) => {
      try {
        handle(m as Request);
      } catch (err) {
        const id = (m as Request).id;
        if (id !== undefined && (m as Request).method !== undefined)
          fail(id, -32603, err instanceof Error ? err.message : String(err));
      }
    },
    (reason) => {
      log(1, `${reason}; closing`);
      io.exit(1);
    },
    () => send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: message is not JSON' } }),
  );
}

function toPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function toUri(file: string): string {
  return pathToFileURL(file).href;
}
