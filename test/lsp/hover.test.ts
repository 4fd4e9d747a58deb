import { afterEach, describe, expect, it } from 'vitest';
import { formatPath } from '../../src/lsp/hover.js';
import { session } from './session.js';

type HoverResult = {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
} | null;

const sessions: ReturnType<typeof session>[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** A server with `text` open as file:///w/a.yaml; `hover(line, character)` (0-based) returns the result. */
function open(text: string) {
  const s = session();
  sessions.push(s);
  const uri = 'file:///w/a.yaml';
  void s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const request = (params: unknown) => s.request<HoverResult>('textDocument/hover', params);
  return {
    notify: s.notify,
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

describe('kubeplan lsp: hover', async () => {
  it('documents a key: bold path, type, description, and the key range', async () => {
    const h = await open(deployment).hoverOn('replicas', 2);
    expect(h).not.toBeNull();
    expect(h!.contents.kind).toBe('markdown');
    expect(h!.contents.value).toMatch(/^\*\*spec\.replicas\*\* `integer \(int32\)`\n\nNumber of desired pods\./);
    expect(h!.range).toEqual({ start: { line: 6, character: 2 }, end: { line: 6, character: 10 } });
  });

  it('documents the same field from its value, with the value range', async () => {
    const h = await open(deployment).hoverOn('3', 0);
    expect(h!.contents.value).toMatch(/^\*\*spec\.replicas\*\*.*\n\nNumber of desired pods\./);
    expect(h!.range).toEqual({ start: { line: 6, character: 12 }, end: { line: 6, character: 13 } });
  });

  it('follows sequences: a container image inside the list (block) and a port (flow)', async () => {
    const s = open(deployment);
    const image = await s.hoverOn('nginx:1.27', 3);
    expect(image!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\[0\]\.image\*\* `string`\n\nContainer image name\./,
    );
    expect((await s.hoverOn('image:', 0))!.contents.value).toMatch(/containers\[0\]\.image\*\*/);
    const port = await s.hoverOn('containerPort', 4);
    expect(port!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort\*\* `integer \(int32\)`/,
    );
    const containers = await s.hoverOn('containers:', 1);
    expect(containers!.contents.value).toMatch(
      /^\*\*spec\.template\.spec\.containers\*\* `Container\[\]`\n\nList of containers/,
    );
  });

  it('is null on an unknown field, blank space, comments and outside any object', async () => {
    const s = open(deployment);
    expect(await s.hoverOn('bogus', 1)).toBeNull();
    expect(await s.hoverOn('bogus: 1', 7)).toBeNull(); // its value
    expect(await s.hoverOn('# a comment', 3)).toBeNull();
    expect(await s.hoverOn('  replicas', 0)).toBeNull(); // indentation
    expect(
      await s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 99, character: 0 } }),
    ).toBeNull();
    expect(
      await s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 1, character: 500 } }),
    ).toBeNull(); // past the line's end
    expect(
      await s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: -1, character: 0.5 } }),
    ).toBeNull();
    expect(
      await s.request({ textDocument: { uri: 'file:///w/other.yaml' }, position: { line: 1, character: 1 } }),
    ).toBeNull(); // not open
    expect(await s.request({})).toBeNull();
  });

  it('finds the object in a multi-document file and inside a List', async () => {
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
    expect((await s.hoverOn('name: c', 0))!.contents.value).toMatch(
      /^\*\*metadata\.name\*\* `string`\n\nName must be unique/,
    );
    expect((await s.hoverOn('port:', 1))!.contents.value).toMatch(
      /^\*\*spec\.ports\[0\]\.port\*\* `integer \(int32\)`\n\nThe port that will be exposed by this service\./,
    );
    const replicas = await s.hoverOn('replicas', 0);
    expect(replicas!.contents.value).toMatch(/^\*\*spec\.replicas\*\*.*\n\nNumber of desired pods\./);
    expect(replicas!.range.start).toEqual({ line: 15, character: 9 });
    expect(await s.hoverOn('kind: List', 1)).toBeNull(); // the List itself is not one of the objects
    expect(await s.hoverOn('items:', 1)).toBeNull();
    // On the item's `-`: the object itself, documented by its kind.
    expect((await s.hoverOn('- apiVersion: apps/v1', 0))!.contents.value).toMatch(
      /^\*\*Deployment\*\*\n\nDeployment enables declarative updates/,
    );
  });

  it('is null (not an error) on a custom resource, with or without its CRD in the file', async () => {
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
    expect(await s.hoverOn('size', 1)).toBeNull();
    expect(await s.hoverOn('spec: {size', 1)).toBeNull();
    // The CRD itself is a built-in kind.
    expect((await s.hoverOn('scope', 1))!.contents.value).toMatch(/^\*\*spec\.scope\*\*/);
  });

  it('counts characters in UTF-16 code units (non-ASCII before the cursor)', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {"é😀": x}, namespace: n}\n`;
    const s = open(text);
    const h = await s.hoverOn('namespace', 2);
    expect(h!.contents.value).toMatch(/^\*\*metadata\.namespace\*\*/);
    // 'namespace' starts after two code units for é😀 beyond their one-per-char count in code points.
    expect(h!.range.start.character).toBe(text.split('\n')[2]!.indexOf('namespace'));
  });

  it('re-reads the document after a change', async () => {
    const s = open('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
    expect(
      (await s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 2, character: 0 } }))!.contents
        .value,
    ).toMatch(/^\*\*metadata\*\* `ObjectMeta`/);
    void s.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///w/a.yaml', version: 2 },
      contentChanges: [{ text: 'kind: Pod\napiVersion: v1\nspec: {}\n' }],
    });
    expect(
      (await s.request({ textDocument: { uri: 'file:///w/a.yaml' }, position: { line: 2, character: 0 } }))!.contents
        .value,
    ).toMatch(/^\*\*spec\*\* `PodSpec`/);
  });

  it('formats paths', async () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe(
      'spec.template.spec.containers[0].image',
    );
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels["app.kubernetes.io/name"]',
    );
  });
});
