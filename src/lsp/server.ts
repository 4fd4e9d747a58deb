/**
 * `kubeplan lsp`: a minimal language server over stdio. Each open YAML document is linted on open, change
 * and save with the fast single-file API (`lintText`) and its findings are published as diagnostics.
 * Hovers show the API documentation of the field under the cursor (see hover.ts).
 * Cross-file rules see only the one document, so rules that need the whole repository (references to
 * objects in other files) are reported at most as in single-file lint.
 */
import { fileURLToPath } from 'node:url';
import type { Finding, Manifest } from '../core/types.js';
import { lintText, type LintOptions } from '../lint.js';
import { frame, MessageReader } from './framing.js';
import { hoverAt, readManifests } from './hover.js';

interface Request {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
}

/** Rules that look for objects in other files: silent in single-file mode, where they would be noise. */
const CROSS_FILE_RULES = new Set([
  'missing-reference',
  'hpa-target-missing',
  'ingress-missing-service',
  'statefulset-service-not-headless',
  'service-selects-no-pods',
  'pdb-selects-nothing',
  'networkpolicy-selects-nothing',
  'ingress-tls-secret-missing',
]);

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

export interface LanguageServerIO {
  write: (text: string) => void;
  exit: (code: number) => void;
}

export function createLanguageServer(io: LanguageServerIO, options: LintOptions = {}) {
  const documents = new Map<string, string>();
  /** The last document text read for hovers, per uri (hovers come in bursts over an unchanged text). */
  const parsed = new Map<string, { text: string; manifests: Manifest[] }>();
  const manifestsOf = (uri: string, text: string): Manifest[] => {
    const cached = parsed.get(uri);
    if (cached?.text === text) return cached.manifests;
    const manifests = readManifests(text, uri.startsWith('file:') ? safePath(uri) : uri, options.limits);
    parsed.set(uri, { text, manifests });
    return manifests;
  };
  let shutdown = false;
  const send = (message: unknown) => io.write(frame(message));
  const reply = (id: Request['id'], result: unknown) => send({ jsonrpc: '2.0', id, result });
  const fail = (id: Request['id'], code: number, message: string) =>
    send({ jsonrpc: '2.0', id, error: { code, message } });

  const publish = (uri: string) => {
    const text = documents.get(uri);
    const diagnostics = text === undefined ? [] : diagnosticsFor(uri, text, options);
    send({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } });
  };

  const handle = (msg: Request) => {
    const params = msg.params ?? {};
    const doc = (params.textDocument ?? {}) as { uri?: string; text?: string };
    switch (msg.method) {
      case 'initialize':
        return reply(msg.id, {
          capabilities: {
            textDocumentSync: { openClose: true, change: 1, save: { includeText: true } },
            hoverProvider: true,
          },
          serverInfo: { name: 'kubeplan' },
        });
      case 'initialized':
        return;
      case 'textDocument/didOpen':
        if (typeof doc.uri === 'string' && typeof doc.text === 'string') {
          documents.set(doc.uri, doc.text);
          publish(doc.uri);
        }
        return;
      case 'textDocument/didChange': {
        const changes = params.contentChanges as { text?: string }[] | undefined;
        const last = changes?.[changes.length - 1];
        if (typeof doc.uri === 'string' && typeof last?.text === 'string') {
          documents.set(doc.uri, last.text);
          publish(doc.uri);
        }
        return;
      }
      case 'textDocument/didSave':
        if (typeof doc.uri === 'string') {
          if (typeof params.text === 'string') documents.set(doc.uri, params.text);
          publish(doc.uri);
        }
        return;
      case 'textDocument/didClose':
        if (typeof doc.uri === 'string') {
          documents.delete(doc.uri);
          parsed.delete(doc.uri);
          send({
            jsonrpc: '2.0',
            method: 'textDocument/publishDiagnostics',
            params: { uri: doc.uri, diagnostics: [] },
          });
        }
        return;
      case 'textDocument/hover': {
        const text = typeof doc.uri === 'string' ? documents.get(doc.uri) : undefined;
        return reply(msg.id, text === undefined ? null : hoverAt(manifestsOf(doc.uri!, text), params.position));
      }
      case 'shutdown':
        shutdown = true;
        return reply(msg.id, null);
      case 'exit':
        return io.exit(shutdown ? 0 : 1);
      default:
        if (msg.id !== undefined && msg.method !== undefined) fail(msg.id, -32601, `method not found: ${msg.method}`);
    }
  };

  return new MessageReader(
    (m) => {
      try {
        handle(m as Request);
      } catch (err) {
        const id = (m as Request).id;
        if (id !== undefined) fail(id, -32603, err instanceof Error ? err.message : String(err));
      }
    },
    (reason) => {
      send({
        jsonrpc: '2.0',
        method: 'window/logMessage',
        params: { type: 1, message: `kubeplan: ${reason}; closing` },
      });
      io.exit(1);
    },
    () => send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: message is not JSON' } }),
  );
}

export function diagnosticsFor(uri: string, text: string, options: LintOptions) {
  const file = uri.startsWith('file:') ? safePath(uri) : uri;
  const findings = lintText(text, file, options).findings.filter((f) => !CROSS_FILE_RULES.has(f.ruleId));
  return findings.map((f: Finding) => ({
    range: {
      start: { line: f.line - 1, character: f.column - 1 },
      end: { line: f.endLine - 1, character: f.endColumn - 1 },
    },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: 'kubeplan',
    message: f.message,
  }));
}

function safePath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}
