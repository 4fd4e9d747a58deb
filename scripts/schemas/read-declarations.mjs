/**
 * Reads the TypeScript declarations shipped by kubernetes-models and
 * @kubernetes-models/apimachinery into a neutral model of the API types:
 * one entry per interface / type alias, keyed by a readable definition name
 * derived from its directory (`apps.v1.DeploymentSpec`, `core.v1.PodSpec`,
 * `meta.v1.ObjectMeta`).
 *
 * Only the syntax tree is used (no type checker): every declaration file holds
 * one interface, and cross-file references are plain relative or package imports,
 * which we resolve ourselves. That keeps the generator fast and deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * @typedef {{kind: 'primitive', name: 'string'|'number'|'boolean'|'any'}
 *   | {kind: 'literals', values: string[]}
 *   | {kind: 'ref', target: string}
 *   | {kind: 'array', items: TypeShape}
 *   | {kind: 'map', values: TypeShape}
 *   | {kind: 'object', properties: Property[]}
 *   | {kind: 'union', members: TypeShape[]}} TypeShape
 * @typedef {{name: string, optional: boolean, type: TypeShape, description?: string}} Property
 * @typedef {{name: string, schemaId: string, file: string, description?: string,
 *   shape: TypeShape}} Declaration
 */

/** The packages we read, and how a directory inside each becomes a definition-name prefix. */
function packageRoots(nodeModules) {
  return [
    { root: path.join(nodeModules, 'kubernetes-models'), prefixOf: (dir) => (dir === 'v1' ? 'core.v1' : dir.replaceAll('/', '.')) },
    {
      root: path.join(nodeModules, '@kubernetes-models/apimachinery'),
      // apis/meta/v1 → meta.v1; api/resource → api.resource; util/intstr → util.intstr
      prefixOf: (dir) => dir.replace(/^apis\//, '').replaceAll('/', '.'),
    },
  ];
}

/** @returns {Map<string, Declaration>} declarations keyed by definition name, in sorted order. */
export function readDeclarations(nodeModules) {
  const roots = packageRoots(nodeModules);
  const files = [];
  for (const { root } of roots) collectDeclarationFiles(root, files);
  files.sort();

  /** absolute file path (without .d.ts) → definition name */
  const nameOfFile = new Map();
  for (const file of files) {
    const owner = roots.find((r) => file.startsWith(r.root + path.sep));
    const relative = path.relative(owner.root, file).replace(/\.d\.ts$/, '');
    const dir = path.dirname(relative).split(path.sep).join('/');
    nameOfFile.set(stripExtension(file), `${owner.prefixOf(dir)}.${path.basename(relative)}`);
  }

  const declarations = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const declaration = readFile(source, file, nameOfFile, nodeModules);
    if (declaration) declarations.set(declaration.name, declaration);
  }
  return new Map([...declarations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function collectDeclarationFiles(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '_schemas' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collectDeclarationFiles(full, out);
    else if (entry.name.endsWith('.d.ts') && entry.name !== 'index.d.ts') out.push(full);
  }
}

const stripExtension = (file) => file.replace(/\.d\.ts$/, '').replace(/\.js$/, '');

/** Reads the one interface (or type alias) a declaration file defines. */
function readFile(source, file, nameOfFile, nodeModules) {
  const name = nameOfFile.get(stripExtension(file));
  const imports = importedNames(source, file, nameOfFile, nodeModules);
  const localInterfaces = new Set();
  for (const statement of source.statements) if (ts.isInterfaceDeclaration(statement)) localInterfaces.add(statement.name.text);

  const resolve = (typeName) => {
    if (imports.has(typeName)) return imports.get(typeName);
    if (localInterfaces.has(typeName)) return name; // self-reference (JSONSchemaProps)
    throw new Error(`${file}: cannot resolve type ${typeName}`);
  };

  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      return {
        name,
        schemaId: canonicalId(source) ?? name,
        file,
        description: docOf(statement),
        shape: { kind: 'object', properties: statement.members.map((m) => readProperty(m, resolve, file)) },
      };
    }
  }
  // Files without an interface hold a scalar alias (Quantity, IntOrString, Time, MicroTime).
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text.startsWith('I')) {
      return { name, schemaId: canonicalId(source) ?? name, file, description: docOf(statement), shape: readType(statement.type, resolve, file) };
    }
  }
  return undefined;
}

/** The package's own id for the type (`IoK8sApiAppsV1DeploymentSpec`), from `export type { IX as IIoK8s… }`. */
function canonicalId(source) {
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.isTypeOnly || !statement.exportClause) continue;
    for (const element of statement.exportClause.elements) {
      const exported = element.name.text;
      if (element.propertyName?.text.startsWith('I') && exported.startsWith('IIo')) return exported.slice(1);
    }
  }
  return undefined;
}

function importedNames(source, file, nameOfFile, nodeModules) {
  const names = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
    const specifier = statement.moduleSpecifier.text;
    if (specifier === '@kubernetes-models/base') continue; // Model, TypeMeta: runtime helpers, not API types
    const target = specifier.startsWith('.')
      ? path.resolve(path.dirname(file), specifier)
      : path.join(nodeModules, specifier);
    const definition = nameOfFile.get(stripExtension(target));
    if (!definition) throw new Error(`${file}: cannot resolve import ${specifier}`);
    for (const element of statement.importClause.namedBindings.elements) names.set(element.name.text, definition);
  }
  return names;
}

function readProperty(member, resolve, file) {
  if (!ts.isPropertySignature(member) || !member.type) throw new Error(`${file}: unexpected member ${member.getText()}`);
  const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
  const property = { name, optional: Boolean(member.questionToken), type: readType(member.type, resolve, file) };
  const description = docOf(member);
  if (description) property.description = description;
  return property;
}

/** @returns {TypeShape} */
function readType(node, resolve, file) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'primitive', name: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'primitive', name: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'primitive', name: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { kind: 'primitive', name: 'any' };
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { kind: 'literals', values: [node.literal.text] };
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.map((t) => readType(t, resolve, file));
    if (members.every((m) => m.kind === 'literals')) return { kind: 'literals', values: members.flatMap((m) => m.values) };
    return { kind: 'union', members };
  }
  if (ts.isTypeReferenceNode(node)) {
    const typeName = node.typeName.getText();
    if (typeName === 'Array') return { kind: 'array', items: readType(node.typeArguments[0], resolve, file) };
    return { kind: 'ref', target: resolve(typeName) };
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'array', items: readType(node.elementType, resolve, file) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: 'map', values: readType(index.type, resolve, file) };
    return { kind: 'object', properties: node.members.map((m) => readProperty(m, resolve, file)) };
  }
  throw new Error(`${file}: unsupported type ${node.getText()}`);
}

/** The JSDoc text above a node: the Kubernetes API's own field documentation. */
function docOf(node) {
  const docs = node.jsDoc;
  if (!docs || docs.length === 0) return undefined;
  const text = docs
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .trim();
  return text === '' ? undefined : text;
}
