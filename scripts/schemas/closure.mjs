/** Definition names reachable from `roots` through `$ref`s. */
export function closureOf(definitions, roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    if (!definitions[name]) throw new Error(`missing definition ${name}`);
    seen.add(name);
    JSON.stringify(definitions[name], (key, value) => {
      // A property *named* "$ref" (JSONSchemaProps has one) holds a schema object, not a reference.
      if (key === '$ref' && typeof value === 'string') stack.push(value.replace('#/definitions/', ''));
      return value;
    });
  }
  return seen;
}
