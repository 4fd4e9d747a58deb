/** The process side of the CLI: wires the real stdin/stdout/env to `run` (or to the language server for `lsp`). */
import { readFileSync } from 'node:fs';
import { run } from './main.js';

export { setChunkLoader } from '../core/chunk-loader.js';

/** Runs kubeplan with `argv` (without node and the script) in this process; sets process.exitCode. */
export async function start(argv: string[]): Promise<void> {
  // The yaml parser reads process.env.LOG_TOKENS for every token, and process.env is a slow native lookup: a plain
  // copy makes parsing large files ~20–40% faster. kubeplan never changes its environment, and child processes
  // (git for --base) still receive this copy.
  process.env = { ...process.env };

  if (argv[0] === 'lsp') {
    // Exit only once stdout has taken every byte (a pipe to a slow editor buffers them in this process); a reader
    // that went away (EPIPE) ends the server too.
    process.stdout.on('error', () => process.exit(1));
    // Loaded only for `lsp`: the JSON-RPC library is not evaluated at every CLI start.
    const { startLanguageServer } = await import('../lsp/server.js');
    startLanguageServer({
      input: process.stdin,
      output: process.stdout,
      exit: (code) => process.stdout.end(() => process.exit(code)),
    });
    return;
  }
  // `kubeplan plan … | head`: once the reader has closed the pipe, stop writing and end quietly (no stack trace).
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  const code = await run(argv, {
    stdout: (text) => {
      if (!closed) process.stdout.write(text);
    },
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
}
