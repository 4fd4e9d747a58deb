/**
 * Which definitions are top-level API kinds, and the file name each gets.
 */

/**
 * A kind is an object declaration whose apiVersion and kind are string constants.
 * `*List` kinds are left out: the loader unpacks lists into their items.
 * @returns {{apiVersion: string, kind: string, group: string, version: string, definition: string, file: string}[]}
 */
export function findKinds(definitions) {
  const kinds = [];
  for (const [definition, schema] of Object.entries(definitions)) {
    const apiVersion = schema.properties?.apiVersion?.const;
    const kind = schema.properties?.kind?.const;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind.endsWith('List')) continue;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    kinds.push({ apiVersion, kind, group, version, definition, file: schemaFileName(kind, group, version) });
  }
  kinds.sort((a, b) => compare(a.apiVersion, b.apiVersion) || compare(a.kind, b.kind));
  const seen = new Map();
  for (const k of kinds) {
    if (seen.has(k.file)) throw new Error(`schema file name clash: ${k.file} for ${k.apiVersion} ${k.kind} and ${seen.get(k.file)}`);
    seen.set(k.file, `${k.apiVersion} ${k.kind}`);
  }
  return kinds;
}

/**
 * kubeconform's naming (`{kind}-{group's first label}-{version}.json`, core: `{kind}-{version}.json`),
 * so the directory can be used with kubeconform and yaml-language-server as-is.
 */
export function schemaFileName(kind, group, version) {
  const groupLabel = group === '' ? '' : `-${group.split('.')[0]}`;
  return `${kind.toLowerCase()}${groupLabel}-${version}.json`.toLowerCase();
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
