/** Turns file bytes into text the way a careful reader would: BOMs, UTF-16, binary detection. */

export type Decoded = { ok: true; text: string } | { ok: false; ruleId: string; message: string };

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    return { ok: false, ruleId: 'input/binary', message: 'file contains NUL bytes: binary data, not YAML or JSON' };
  }
  return decodeWith('utf-8', body);
}

function decodeWith(encoding: string, bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) {
      return {
        ok: false,
        ruleId: 'input/binary',
        message: 'file contains NUL characters: binary data, not YAML or JSON',
      };
    }
    return { ok: true, text };
  } catch {
    return {
      ok: false,
      ruleId: 'input/encoding',
      message: `file is not valid ${encoding.toUpperCase()} text (binary data?); Kubernetes manifests must be UTF-8`,
    };
  }
}
