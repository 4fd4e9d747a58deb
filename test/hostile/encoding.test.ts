/**
 * Bytes that are not plain UTF-8 YAML: BOMs, CRLF, UTF-16, NUL bytes, binary data, invalid UTF-8.
 * Each file sits in a folder next to a canary file that must still be read (see `lintWithCanary`).
 */
import { describe, expect, it } from 'vitest';
import { canary, HANG_GUARD, jsonLoaderFindings, lintWithCanary, loaderFindings, runCli } from './helpers.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => {
  const le = utf16le(s);
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
};
const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM16LE = Buffer.from([0xff, 0xfe]);
const BOM16BE = Buffer.from([0xfe, 0xff]);

/** The canary document of `name`, whose duplicate key is reported at 5:3, then a second clean document. */
const twoDocs = (name: string, eol = '\n') =>
  (canary(name) + `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-2\n`).replace(/\n/g, eol);

describe('text encodings that are read', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([BOM8, utf8(twoDocs('bom8'))])],
    ['CRLF line endings', utf8(twoDocs('crlf', '\r\n'))],
    ['UTF-16 LE with BOM', Buffer.concat([BOM16LE, utf16le(twoDocs('le'))])],
    ['UTF-16 BE with BOM', Buffer.concat([BOM16BE, utf16be(twoDocs('be'))])],
    ['UTF-16 LE with BOM and CRLF', Buffer.concat([BOM16LE, utf16le(twoDocs('lecrlf', '\r\n'))])],
  ])('%s: positions are those of the decoded text', { timeout: HANG_GUARD }, (_name, bytes) => {
    const { findings, result } = lintWithCanary({ 'a.yaml': bytes });
    expect(loaderFindings(findings)).toEqual([['yaml/duplicate-key', 5, 3]]);
    const names = result.manifests.filter((m) => m.file === 'a.yaml').map((m) => m.ref.name!);
    expect(names).toHaveLength(2);
    // no stray \r or BOM in the values
    expect(names.every((n) => /^[a-z0-9-]+$/.test(n))).toBe(true);
    expect(result.manifests[0]!.locate(['metadata', 'name'])).toMatchObject({ line: 4, column: 9 });
  });

  it('mixed CRLF and LF lines keep exact line numbers', { timeout: HANG_GUARD }, () => {
    const text = 'apiVersion: v1\r\nkind: ConfigMap\nmetadata:\r\n  name: mixed\n  name: mixed\r\n';
    const { findings } = lintWithCanary({ 'a.yaml': text });
    expect(loaderFindings(findings)).toEqual([['yaml/duplicate-key', 5, 3]]);
  });
});

describe('bytes that are not text', () => {
  it.each([
    ['a NUL byte in UTF-8 text', utf8('apiVersion: v1\nkind: ConfigMap\u0000\n'), 'input/binary'],
    ['UTF-16 LE without a BOM (NUL bytes)', utf16le('apiVersion: v1\nkind: ConfigMap\n'), 'input/binary'],
    [
      'UTF-32 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\u0000\u0000\u0000', 'latin1')]),
      'input/binary',
    ],
    [
      'a PNG header',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'input/binary',
    ],
    [
      'a gzip stream',
      Buffer.from([
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
      ]),
      'input/binary',
    ],
    [
      'a lone 0xFF byte',
      Buffer.concat([utf8('apiVersion: v1\nkind: '), Buffer.from([0xff]), utf8('\n')]),
      'input/encoding',
    ],
    ['an overlong encoding', Buffer.concat([utf8('a: '), Buffer.from([0xc0, 0xaf])]), 'input/encoding'],
    ['a multi-byte character cut at the end', Buffer.concat([utf8('a: caf'), Buffer.from([0xc3])]), 'input/encoding'],
    ['an encoded surrogate half', Buffer.concat([utf8('a: '), Buffer.from([0xed, 0xa0, 0x80])]), 'input/encoding'],
    [
      'a lone surrogate in UTF-16',
      Buffer.concat([BOM16LE, utf16le('a: '), Buffer.from([0x00, 0xd8]), utf16le('\n')]),
      'input/encoding',
    ],
    [
      'Latin-1 text',
      Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n', 'latin1'),
      'input/encoding',
    ],
  ])('%s', { timeout: HANG_GUARD }, (_name, bytes, ruleId) => {
    const { findings } = lintWithCanary({ 'bad.yaml': bytes });
    expect(loaderFindings(findings)).toEqual([[ruleId, 1, 1]]);
    expect(findings[0]!.file).toBe('bad.yaml');
  });

  it('the same checks apply to stdin', { timeout: HANG_GUARD }, async () => {
    const r = await runCli(['lint', '-', '--format', 'json'], {
      stdin: Buffer.concat([utf8('a: '), Buffer.from([0xff])]),
    });
    expect(jsonLoaderFindings(r.stdout, true)).toEqual([['<stdin>', 'input/encoding']]);
    expect(r.code).toBe(1);
    const ok = await runCli(['lint', '-', '--format', 'json'], {
      stdin: Buffer.concat([BOM16LE, utf16le(canary('s'))]),
    });
    expect(jsonLoaderFindings(ok.stdout)).toEqual([['yaml/duplicate-key', 5]]);
  });
});
