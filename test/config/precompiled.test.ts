import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configValidatorSource, OUTPUT_FILE } from '../../scripts/compile-config-schema.mjs';

describe('the precompiled config-file validator', () => {
  it('is what scripts/compile-config-schema.mjs generates from the schema (run `npm run schemas`)', () => {
    expect(readFileSync(OUTPUT_FILE as string, 'utf8')).toBe((configValidatorSource as () => string)());
  });
});
