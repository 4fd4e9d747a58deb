/** Errors the API throws for a caller's mistake (not for bad manifests, which are findings). */

/** An option the API cannot honour: an unknown rule id, a Kubernetes version newer than supported, a missing --cluster file. The CLI maps it to exit code 2. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}
