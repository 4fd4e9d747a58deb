/** Runs the CLI in-process with captured output (what bundle/kubeplan.cjs does with the real process). */
import { run, type CliIO } from '../../src/cli/main.js';

export function runCli(argv: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Buffer.from(opts.stdin ?? ''),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    isTTY: false,
  };
  return run(argv, io).then((code) => ({ code, stdout, stderr }));
}
