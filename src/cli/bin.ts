/** Process entry point: wires the real stdin/stdout/env to the CLI. */
import { readFileSync } from 'node:fs';
import { run } from './main.js';

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => {
    try {
      return readFileSync(0);
    } catch {
      return new Uint8Array();
    }
  },
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
