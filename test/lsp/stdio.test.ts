/**
 * The language server as an editor sees it: the real `kubeplan lsp` process (src/cli/bin.ts, the CLI's entry)
 * driven over stdio by vscode-jsonrpc, the JSON-RPC library VS Code's own client uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rpc from 'vscode-jsonrpc/node';

const root = path.resolve(import.meta.dirname, '../..');

interface Diagnostic {
  code: string;
  message: string;
  severity: number;
  codeDescription?: { href: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const deployment = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${labels}
  template:
    metadata:
      labels:
        app: ${labels}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { memory: 64Mi }
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

let dir: string;
let child: ChildProcess;
let connection: rpc.MessageConnection;
/** Every publishDiagnostics, in order, per uri. */
const published = new Map<string, { version?: number; diagnostics: Diagnostic[] }[]>();
const waiters: (() => void)[] = [];

const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;

/** Waits for the next publish for `name` satisfying `ok` (publishes that already came count). */
function diagnosticsFor(name: string, ok: (d: Diagnostic[]) => boolean, from = 0): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no matching diagnostics for ${name}: ${JSON.stringify(published.get(uri(name)))}`)),
      20_000,
    );
    const check = () => {
      const list = published.get(uri(name)) ?? [];
      for (const p of list.slice(from)) {
        if (ok(p.diagnostics)) {
          clearTimeout(timer);
          resolve(p.diagnostics);
          return true;
        }
      }
      return false;
    };
    const wait = () => {
      if (!check()) waiters.push(wait);
    };
    wait();
  });
}
const count = (name: string) => published.get(uri(name))?.length ?? 0;

function open(name: string, text: string) {
  return connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri(name), languageId: 'yaml', version: 1, text },
  });
}

let version = 1;
function change(name: string, text: string) {
  return connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uri(name), version: ++version },
    contentChanges: [{ text }],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-'));
  mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(path.join(dir, 'deployment.yaml'), deployment('web'));
  writeFileSync(path.join(dir, 'service.yaml'), service);
  // The config turns latest-tag into an error and one rule off: the editor must show what the CLI shows.
  writeFileSync(path.join(dir, '.kubeplan.yaml'), 'rules:\n  latest-tag: error\n  replicas-not-spread: off\n');
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/bin.ts'), 'lsp'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout!),
    new rpc.StreamMessageWriter(child.stdin!),
  );
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      const list = published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics });
      published.set(params.uri, list);
      for (const w of waiters.splice(0)) w();
    },
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const init = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  })) as { capabilities: Record<string, unknown> };
  expect(init.capabilities).toMatchObject({
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
  });
  await connection.sendNotification('initialized', {});
}, 30_000);

afterAll(async () => {
  if (connection) {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
  }
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('kubeplan lsp over stdio', () => {
  it('honours .kubeplan.yaml: latest-tag is an error, a rule turned off is silent, codes link to rule pages', async () => {
    const text = deployment('web').replace('nginx:1.27', 'nginx:latest');
    writeFileSync(path.join(dir, 'deployment.yaml'), text);
    await open('deployment.yaml', text);
    const diagnostics = await diagnosticsFor('deployment.yaml', (d) => d.some((x) => x.code === 'latest-tag'));
    const latest = diagnostics.find((d) => d.code === 'latest-tag')!;
    expect(latest.severity).toBe(1);
    expect(latest.range.start.line).toBe(16);
    expect(latest.codeDescription?.href).toMatch(/docs\/rules\/latest-tag\.md$/);
    expect(diagnostics.map((d) => d.code)).not.toContain('replicas-not-spread');
  });

  it('leaves a GitHub workflow file alone (no apiVersion/kind errors)', async () => {
    const name = '.github/workflows/ci.yml';
    const text = 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
    writeFileSync(path.join(dir, name), text);
    await open(name, text);
    expect(await diagnosticsFor(name, () => true)).toEqual([]);
  });

  it('a cross-file Service→Deployment finding appears and disappears as the other file changes', async () => {
    await open('service.yaml', service);
    // Both files agree on app=web: no selects-no-pods finding.
    const first = await diagnosticsFor('service.yaml', () => true);
    expect(first.map((d) => d.code)).not.toContain('service-selects-no-pods');
    // Rename the Deployment's labels in its (open, unsaved) buffer: the Service now selects nothing.
    let from = count('service.yaml');
    await change('deployment.yaml', deployment('api').replace('nginx:1.27', 'nginx:latest'));
    const broken = await diagnosticsFor(
      'service.yaml',
      (d) => d.some((x) => x.code === 'service-selects-no-pods'),
      from,
    );
    expect(broken.find((d) => d.code === 'service-selects-no-pods')!.range.start.line).toBe(6);
    // And back.
    from = count('service.yaml');
    await change('deployment.yaml', deployment('web').replace('nginx:1.27', 'nginx:latest'));
    await diagnosticsFor('service.yaml', (d) => !d.some((x) => x.code === 'service-selects-no-pods'), from);
  });

  it('offers the fix as a quick fix and disable comments; applying the fix clears the finding', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: yes\n';
    await open('flags.yaml', text);
    const diagnostics = await diagnosticsFor('flags.yaml', (d) => d.length > 0);
    const target = diagnostics.find((d) => d.range.start.line === 5)!;
    expect(target).toBeDefined();
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri('flags.yaml') },
      range: target.range,
      context: { diagnostics: [target] },
    })) as {
      title: string;
      isPreferred?: boolean;
      edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
    }[];
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix).toBeDefined();
    const disable = actions.find((a) => a.title === `Disable ${target.code} for this line`)!;
    expect(disable.edit.changes[uri('flags.yaml')]).toEqual([
      {
        range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } },
        newText: `  # kubeplan-disable-next-line ${target.code}\n`,
      },
    ]);
    const fixed = applyEdits(text, fix.edit.changes[uri('flags.yaml')]!);
    expect(fixed).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: "yes"\n');
    const from = count('flags.yaml');
    await change('flags.yaml', fixed);
    const after = await diagnosticsFor('flags.yaml', () => true, from);
    expect(after.map((d) => d.code)).not.toContain(target.code);
  });

  it('reloads .kubeplan.yaml when the client reports it changed', async () => {
    const from = count('deployment.yaml');
    writeFileSync(path.join(dir, '.kubeplan.yaml'), 'rules:\n  latest-tag: off\n  replicas-not-spread: off\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('.kubeplan.yaml'), type: 2 }],
    });
    const after = await diagnosticsFor('deployment.yaml', () => true, from);
    expect(after.map((d) => d.code)).not.toContain('latest-tag');
  });

  it('hover on a Deployment name shows its planned pods and their nodes', async () => {
    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uri('deployment.yaml') },
      position: { line: 3, character: 9 },
    })) as { contents: { value: string } } | null;
    expect(hover?.contents.value).toMatch(/plan: Deployment web\*\* — 2 pods, 2 scheduled/);
    expect(hover!.contents.value.match(/→ node `/g)).toHaveLength(2);
  });
});

function applyEdits(text: string, edits: { range: Diagnostic['range']; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
