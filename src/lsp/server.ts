/**
 * `kubeplan lsp`: a language server over stdio, on `vscode-languageserver` (the JSON-RPC and LSP implementation
 * VS Code's own servers use: framing, request/response bookkeeping, cancellation, errors for malformed messages).
 *
 * - Each open manifest is linted with the rest of its workspace folder as context (workspace.ts), with the
 *   `.kubeplan.yaml` the CLI would use for it; other YAML (workflows, Helm values) gets no diagnostics (scope.ts).
 * - Documents sync incrementally (vscode-languageserver-textdocument applies the edits). Edits are debounced
 *   (200 ms) and only the newest version of a document is linted; requests (hover, code actions) are answered from
 *   the last parse, never after a queued lint, and a request the client cancelled before it ran is not computed.
 * - A lint of one document re-lints the other open documents of its folder (a Service's selector in one file and
 *   the Deployment's labels in another), so a cross-file finding appears and disappears as either file changes.
 * - Hovers: field documentation, and on a workload, Service or Ingress what the planner makes of it (hover.ts).
 * - Code actions: quick fixes and "disable this rule" (actions.ts).
 * - Exit: on the `exit` notification, or when the input ends, after every reply owed is written and flushed.
 */
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeParams,
  type Logger,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types.js';
import type { LintOptions } from '../lint.js';
import { codeActions } from './actions.js';
import { toDiagnostic } from './diagnostics.js';
import { Transport } from './framing.js';
import { hoverAt } from './hover.js';
import { planHover } from './plan-hover.js';
import { Workspace } from './workspace.js';

export interface LanguageServerIO {
  input: Readable;
  output: Writable;
  /** The server is done (`exit`, or the input ended): every reply is written to `output`; end the process. */
  exit: (code: number) => void;
}

export interface LanguageServerOptions extends LintOptions {
  /** Quiet time after the last change before a lint (default 200 ms). */
  debounceMs?: number;
}

/** What the server keeps per open document besides its text: the findings of the last lint and their version. */
interface LintState {
  findings: Finding[];
  lintedVersion: number;
}

export function startLanguageServer(io: LanguageServerIO, options: LanguageServerOptions = {}): void {
  const { debounceMs = 200, ...lintOptions } = options;
  let workspace = new Workspace([], lintOptions);
  const documents = new TextDocuments(TextDocument);
  const state = new Map<string, LintState>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const pendingCascade = new Set<string>();
  let shutdownReceived = false;
  let exiting = false;
  let parentWatch: ReturnType<typeof setInterval> | undefined;

  const stopWork = () => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    if (parentWatch) clearInterval(parentWatch);
  };
  /** The `exit` notification's code; a broken stream exits 1; otherwise 0 only after `shutdown` (LSP). */
  let exitWith: number | undefined;
  let broken = false;
  /**
   * Ends the process once what is owed is written: on `exit`, the replies already written; when the input ended or
   * broke, also the replies to every request already read (the connection still answers its queue, and a
   * `shutdown`/`exit` among them still counts).
   */
  const finish = (waitForReplies: boolean) => {
    stopWork();
    if (exiting) return;
    exiting = true;
    void (waitForReplies ? transport.drained() : transport.flushed()).then(() =>
      io.exit(exitWith ?? (broken ? 1 : shutdownReceived ? 0 : 1)),
    );
  };

  const transport = new Transport(io.input, io.output, (reason) => {
    log(`${reason}; closing`);
    broken = true;
    finish(true);
  });
  const connection = createConnection(
    // The logger reports malformed messages (null, not an object) to the editor's log.
    (logger) => createProtocolConnection(transport.reader, transport.writer, quiet(logger)),
    {
      initialize: (params) => watchParent(params.processId),
      get shutdownReceived() {
        return shutdownReceived;
      },
      set shutdownReceived(value: boolean) {
        shutdownReceived = value;
      },
      exit: (code) => {
        exitWith = code;
        finish(false);
      },
    },
  );

  // A message that is not JSON gets JSON-RPC's parse error (id null) and the stream goes on; framing errors are
  // FrameGuard's (the connection closes).
  transport.reader.onError((err) => {
    if (err instanceof SyntaxError)
      void transport.writer.write({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'parse error: message is not JSON' },
      } as never);
  });
  // The editor closed our stdin: answer what was asked, flush, exit (LSP: 1 unless shutdown came first).
  transport.reader.onClose(() => finish(true));

  /** The editor's process: when it is gone, so is the server (an unref'd timer never keeps the process up). */
  const watchParent = (pid: unknown) => {
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0 || parentWatch) return;
    parentWatch = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        finish(false);
      }
    }, 3000);
    parentWatch.unref();
  };

  const log = (message: string) => quiet(connection.console).error(`kubeplan: ${message}`);
  const fileOf = (uri: string) => toPath(uri);

  const publish = (uri: string, diagnostics: ReturnType<typeof toDiagnostic>[], version?: number) => {
    try {
      connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics }).catch(() => {});
    } catch {
      // The connection closed (the editor went away): nobody to tell.
    }
  };

  /** Lints the document's current version; with `cascade`, then the other open documents of its folder. */
  const lintNow = (uri: string, cascade: boolean) => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const file = fileOf(uri);
    workspace.setOpen(file, doc.getText());
    const outcome = workspace.lint(file, { fixes: true });
    state.set(uri, { findings: outcome.findings, lintedVersion: doc.version });
    publish(uri, outcome.findings.map(toDiagnostic), doc.version);
    if (!cascade) return;
    const folder = workspace.folderOf(file);
    if (folder === undefined) return;
    for (const other of documents.keys()) {
      if (other !== uri && workspace.folderOf(fileOf(other)) === folder) schedule(other, debounceMs, false);
    }
  };

  /** Runs a lint after `delay` (a newer schedule for the same document replaces it: stale work is dropped). */
  const schedule = (uri: string, delay: number, cascade: boolean) => {
    if (exiting) return;
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
          log(`lint of ${uri} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }, delay),
    );
  };

  let watchFiles = false;
  connection.onInitialize((params: InitializeParams) => {
    const folders: string[] = [];
    const p = (params ?? {}) as Partial<InitializeParams>;
    if (Array.isArray(p.workspaceFolders)) {
      for (const f of p.workspaceFolders as { uri?: unknown }[])
        if (typeof f?.uri === 'string' && f.uri.startsWith('file:')) folders.push(toPath(f.uri));
    } else if (typeof p.rootUri === 'string' && p.rootUri.startsWith('file:')) {
      folders.push(toPath(p.rootUri));
    } else if (typeof p.rootPath === 'string') {
      folders.push(p.rootPath);
    }
    workspace = new Workspace(folders, lintOptions);
    try {
      workspace.indexAll();
    } catch (err) {
      log(`could not index the workspace: ${err instanceof Error ? err.message : String(err)}`);
    }
    watchFiles = p.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'kubeplan' },
    };
  });

  connection.onInitialized(() => {
    if (!watchFiles) return;
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.kubeplan.{yaml,yml}' }],
      })
      .catch(() => log('the editor refused to watch files for kubeplan'));
  });

  /** didOpen also fires a content change: the open's immediate lint is already scheduled. */
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    if (typeof document.getText() !== 'string') return;
    justOpened.add(document.uri);
    workspace.setOpen(fileOf(document.uri), document.getText());
    schedule(document.uri, 0, true);
  });
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return;
    schedule(document.uri, debounceMs, true);
  });
  documents.onDidSave(({ document }) => schedule(document.uri, 0, true));
  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    pendingCascade.delete(uri);
    state.delete(uri);
    const file = fileOf(uri);
    workspace.close(file);
    publish(uri, []);
    // What the other open documents see of this file is the disk's version again.
    const folder = workspace.folderOf(file);
    for (const other of documents.keys())
      if (other !== uri && workspace.folderOf(fileOf(other)) === folder) schedule(other, 0, false);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes = (params as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes)) return;
    let config = false;
    for (const change of changes as { uri?: unknown }[]) {
      if (typeof change?.uri !== 'string' || !change.uri.startsWith('file:')) continue;
      const file = toPath(change.uri);
      if (/(^|[\\/])\.kubeplan\.ya?ml$/.test(file)) config = true;
      else workspace.refreshFromDisk(file);
    }
    if (config) workspace.reloadConfigs();
    for (const uri of documents.keys()) schedule(uri, 0, false);
  });

  const cancelled = (token: CancellationToken) =>
    token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : undefined;

  connection.onHover((params, token) => {
    const stop = cancelled(token);
    if (stop) return stop;
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc) return null;
    const file = fileOf(doc.uri);
    workspace.setOpen(file, doc.getText());
    const manifests = workspace.manifestsOf(file);
    const planned = workspace.isManifestFile(file) ? planHover(file, manifests, params.position, workspace) : null;
    return planned ?? hoverAt(manifests, params.position);
  });

  connection.onCodeAction((params, token) => {
    const stop = cancelled(token);
    if (stop) return stop;
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    const linted = doc ? state.get(doc.uri) : undefined;
    // Only findings of the version the client sees: edits computed for an older text would land in the wrong place.
    if (!doc || !linted || linted.lintedVersion !== doc.version) return [];
    const range = params.range as Parameters<typeof codeActions>[4] | undefined;
    if (!range?.start || !range.end) return [];
    const file = fileOf(doc.uri);
    return codeActions(doc.uri, doc.getText(), linted.findings, workspace.manifestsOf(file), range);
  });

  connection.onShutdown(() => {
    stopWork();
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * A logger that never throws: logging to the editor after the input closed throws "Connection is closed", and the
 * connection logs from its own catch blocks (where a throw would end the process).
 */
function quiet(logger: Logger): Logger {
  const guard =
    (f: (m: string) => void) =>
    (message: string): void => {
      try {
        f.call(logger, message);
      } catch {
        // nobody to tell
      }
    };
  return { error: guard(logger.error), warn: guard(logger.warn), info: guard(logger.info), log: guard(logger.log) };
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
