/**
 * Patterns from the inputs (CRD `pattern`s, `patternProperties`, --schema-dir schemas) are untrusted: a
 * pattern like `^(a+)+$` makes JavaScript's backtracking engine take exponential time (ReDoS). They run
 * on re2js instead, a linear-time RE2 engine — which is also what the API server uses (Go's regexp is
 * RE2), so a pattern matches here exactly as it does in the cluster.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Re2Pattern {
  matcher(input: string): { find(): boolean };
}
interface Re2Module {
  RE2JS: { compile(pattern: string): Re2Pattern };
}

let re2: Re2Module | undefined;

/** A RegExp-like object (what ajv's `code.regExp` option expects) backed by RE2. Throws on a pattern RE2 rejects. */
export function safeRegExp(pattern: string, _flags?: string): { test(text: string): boolean; toString(): string } {
  re2 ??= require('re2js') as Re2Module;
  const compiled = re2.RE2JS.compile(pattern);
  // ajv keys its cache of compiled patterns by toString(): it must be unique per pattern.
  return { test: (text: string) => compiled.matcher(text).find(), toString: () => `/${pattern}/re2` };
}

/** `pattern` tested on `text` in linear time; false when the pattern is not valid RE2. */
export function safeTest(pattern: string, text: string): boolean {
  try {
    return safeRegExp(pattern).test(text);
  } catch {
    return false;
  }
}
