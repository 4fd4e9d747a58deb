import { describe, expect, it } from 'vitest';
import { frame } from '../../src/lsp/framing.js';
import { formatPath } from '../../src/lsp/hover.js';
import { createLanguageServer } from '../../src/lsp/server.js';

type HoverResult = {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
} | null;

/** A server with `text` open as file:///w/a.yaml; `hover(line, character)` (0-based) returns the result. */
function open(text: string) {
  const out: Array<{ id?: number; result?: unknown; error?: unknown }> = [];
  let pending = '';
  const server = createLanguageServer({
    write: (chunk) => {
      pending += chunk;
      for (;;) {
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(pending);
        if (!m) return;
        const start = m[0].length;
        out.push(JSON.parse(pending.slice(start, start + Number(m[1]))));
        pending = pending.slice(start + Number(m[1]));
      }
    },
    exit: () => {},
  });
  const send = (msg: unknown) => server.push(Buffer.from(frame(msg)));
  const uri = 'file:///w/a.yaml';
  send({
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri, languageId: 'yaml', version: 1, text } },
  });
  let id = 100;
  const request = (params: unknown) => {
    const n = ++id;
    send({ jsonrpc: '2.0', id: n, method: 'textDocument/hover', params });
    const answer = out.find((m) => m.id === n);
    expect(answer).toBeDefined();
    expect(answer!.error).toBeUndefined();
    return answer!.result as HoverResult;
  };
  return {
    send,
    request,
    /** Hover at the `nth` occurrence of `needle` in `text`, `delta` characters into it. */
    hoverOn: (needle: string, delta = 0, nth = 0) => {
      let at = -1;
      for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
      expect(at).toBeGreaterThanOrEqual(0);
      const before = text.slice(0, at + delta);
      const line = before.split('\n').length - 1;
      const character = before.length - (before.lastIndexOf('\n') + 1);
      return request({ textDocument: { uri }, position: { line, character } });
    },
  };
}

const deployment = `# a comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 80}]
          bogus: 1
`;

describe('kubeplan lsp: hover', () => {
  it('documents a key: bold path, type, description, and the key range', () => {
    const h = open(deployment).hoverOn('replicas', 2);
    expect(h).not.toBeNull();
    expect(h!.contents.kind).toBe('markdown');
    expect(h!.contents.value).toMatch(/^\*\*spec\.replicas\*\* `integer \(int32\)`\n\nNumber of desired pods\./);
    expect(h!.range).toEqual({ start: { line: 6, character: 2 }, end: { line: 6, character: 10 } });
  });

  it('documents the same field from its value, with the value range', () => {
    const h = open(deployment).hoverOn('3', 0);
    expect(h!.contents.value).toMatch(/^\*\*spec\.replicas\*\*.*\n\nNumber of desired pods\./);
    expect(h!.range).toEqual({ start: { line: 6, character: 12 }, end: { line: 6, character: 13 } });
  });

  it('follows sequences: a container image inside the list (block) and a port (flow)', () => {
    const s = open(deployment);
    const image = s.hoverOn('nginx:1.27', 3);
    expect(image!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\[0\]\.image\*\* `string`\n\nContainer image name\./,
    );
    expect(s.hoverOn('image:', 0)!.contents.value).toMatch(/containers\[0\]\.image\*\*/);
    const port = s.hoverOn('containerPort', 4);
    expect(port!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort\*\* `integer \(int32\)`/,
    );
    const containers = s.hoverOn('containers:', 1);
    expect(containers!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\*\* `Container\[\]`\n\nList of containers/,
    );
  });

  it('is null on an unknown field, blank space, comments and outside any object', () => {
    const s = open(deployment);
    expect(s.hoverOn('bogus', 1)).toBeNull();
    expect(s.hoverOn('bogus: 1', 7)).toBeNull(); // its value
    expect(s.hoverOn('# a comment', 3)).toBeNull();
    expect(s.hoverOn('  replicas', 0)).toBeNull(); // indentation
    expect(s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 99, character: 0 } })).toBeNull();
    expect(s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 1, character: 500 } })).toBeNull(); // past the line's end
    expect(s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: -1, character: 0.5 } })).toBeNull();
    expect(
      s.request({ textDocument: { uri: 'file:///w/other.yaml' }, position: { line: 1, character: 1 } }),
    ).toBeNull(); // not open
    expect(s.request({})).toBeNull();
  });

  it('finds the object in a multi-document file and inside a List', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: s}
  spec:
    ports: [{port: 80}]
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d}
  spec: {replicas: 2}
`;
    const s = open(text);
    expect(s.hoverOn('name: c', 0)!.contents.value).toMatch(/^\*\*metadata\.name\*\* `string`\n\nName must be unique/);
    expect(s.hoverOn('port:', 1)!.contents.value).toMatch(
      /^\*\*spec\.ports\[0\]\.port\*\* `integer \(int32\)`\n\nThe port that will be exposed by this service\./,
    );
    const replicas = s.hoverOn('replicas', 0);
    expect(replicas!.contents.value).toMatch(/^\*\*spec\.replicas\*\*.*\n\nNumber of desired pods\./);
    expect(replicas!.range.start).toEqual({ line: 15, character: 9 });
    expect(s.hoverOn('kind: List', 1)).toBeNull(); // the List itself is not one of the objects
    expect(s.hoverOn('items:', 1)).toBeNull();
    // On the item's `-`: the object itself, documented by its kind.
    expect(s.hoverOn('- apiVersion: apps/v1', 0)!.contents.value).toMatch(
      /^\*\*Deployment\*\*\n\nDeployment enables declarative updates/,
    );
  });

  it('is null (not an error) on a custom resource, with or without its CRD in the file', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            description: The widget.
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {size: 3}
`;
    const s = open(text);
    expect(s.hoverOn('size', 1)).toBeNull();
    expect(s.hoverOn('spec: {size', 1)).toBeNull();
    // The CRD itself is a built-in kind.
    expect(s.hoverOn('scope', 1)!.contents.value).toMatch(/^\*\*spec\.scope\*\*/);
  });

  it('counts characters in UTF-16 code units (non-ASCII before the cursor)', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {"é😀": x}, namespace: n}\n`;
    const s = open(text);
    const h = s.hoverOn('namespace', 2);
    expect(h!.contents.value).toMatch(/^\*\*metadata\.namespace\*\*/);
    // 'namespace' starts after two code units for é😀 beyond their one-per-char count in code points.
    expect(h!.range.start.character).toBe(text.split('\n')[2]!.indexOf('namespace'));
  });

  it('re-reads the document after a change', () => {
    const s = open('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
    expect(
      s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 2, character: 0 } })!.contents.value,
    ).toMatch(/^\*\*metadata\*\* `ObjectMeta`/);
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: {
        textDocument: { uri: 'file:///w/a.yaml' },
        contentChanges: [{ text: 'kind: Pod\napiVersion: v1\nspec: {}\n' }],
      },
    });
    expect(
      s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 2, character: 0 } })!.contents.value,
    ).toMatch(/^\*\*spec\*\* `PodSpec`/);
  });

  it('formats paths', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe(
      'spec.template.spec.containers[0].image',
    );
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels["app.kubernetes.io/name"]',
    );
  });
});
