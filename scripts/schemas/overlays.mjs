/**
 * Hand-written schema pieces for what the TypeScript declarations cannot express.
 * Each entry replaces the generated schema of one definition; descriptions from the
 * declarations are kept.
 */

/**
 * Kubernetes' quantity grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * a signed decimal number, then a binary-SI suffix (Ki…Ei), a decimal-SI suffix
 * (n u m "" k M G T P E) or a decimal exponent (e3, E-2).
 */
export const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

/** Definition name → schema that replaces the generated one. */
export const DEFINITION_OVERLAYS = {
  // int32 or a string such as "25%" or a port name; never a boolean or a float.
  'util.intstr.IntOrString': { type: ['integer', 'string'] },
  // `memory: 512Mi`, `cpu: 0.5`, `cpu: 500m`.
  'api.resource.Quantity': { type: ['string', 'number'], pattern: QUANTITY_PATTERN },
  // RFC 3339, as metav1.Time marshals.
  'meta.v1.Time': { type: 'string', format: 'date-time' },
  'meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  // Arbitrary JSON (CRD defaults, enum values, examples).
  'apiextensions.k8s.io.v1.JSON': {},
  'apiextensions.k8s.io.v1beta1.JSON': {},
  ...jsonSchemaPropsUnions('apiextensions.k8s.io.v1'),
  ...jsonSchemaPropsUnions('apiextensions.k8s.io.v1beta1'),
};

/**
 * CRD schemas nest `JSONSchemaProps | boolean` and `JSONSchemaProps | JSONSchemaProps[]`.
 * `if`/`then`/`else` keeps ajv's error for a bad value to the one branch that applies,
 * where `anyOf` would report every branch.
 */
function jsonSchemaPropsUnions(prefix) {
  const props = { $ref: `#/definitions/${prefix}.JSONSchemaProps` };
  return {
    [`${prefix}.JSONSchemaPropsOrBool`]: { if: { type: 'boolean' }, then: true, else: props },
    [`${prefix}.JSONSchemaPropsOrArray`]: { if: { type: 'array' }, then: { type: 'array', items: props }, else: props },
    [`${prefix}.JSONSchemaPropsOrStringArray`]: { if: { type: 'array' }, then: { type: 'array', items: { type: 'string' } }, else: props },
  };
}
