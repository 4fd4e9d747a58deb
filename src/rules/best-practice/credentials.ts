/**
 * The one credential detector of the lint rules (env-var-secret, configmap-credentials): names that read like a
 * credential with a literal value, and PEM private keys under any name.
 */

const CREDENTIAL_NAME =
  /password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|^azure_\w*_key$|key[_-]?content$/i;

/** Names that mention a credential but hold something else: where it is, what it is called, how it behaves. */
const NOT_A_CREDENTIAL =
  /(?:[_.-]|^)(?:file|path|dir|name|ref|url|uri|endpoint|host|port|enabled|ttl|timeout|expiry|length|type|mode|header|id)$/i;

/** True when `name` reads like a credential (SECRET_KEY, db_password, apiKey) and not like its location or name. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !NOT_A_CREDENTIAL.test(name);
}

/** A literal that could be a secret: not empty, not a path, not a $(VAR) reference, not a switch (true/1/…). */
export function isCredentialLiteral(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text === '' || text.startsWith('/') || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(text)) return false;
  return !/^(?:true|false|yes|no|on|off|0|1)$/i.test(text);
}

/** PEM private key material (RSA, EC, OPENSSH, ENCRYPTED…; any run of 3+ dashes around it), under any name. */
export function containsPrivateKey(value: unknown): boolean {
  return typeof value === 'string' && /-{3,} ?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY ?-{3,}/.test(value);
}

/** Why `value` stored under `name` is a credential in plain text, or undefined. */
export function credentialIn(name: string, value: unknown): 'private-key' | 'credential' | undefined {
  if (containsPrivateKey(value)) return 'private-key';
  if (isCredentialName(name) && isCredentialLiteral(value)) return 'credential';
  return undefined;
}
