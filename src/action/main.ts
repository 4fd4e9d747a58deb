/** The GitHub Action's entry (action.yml `runs.main`, bundled to bundle/action.js): the runner's env in, exit code out. */
import { runAction } from './run.js';

runAction(process.env, { stdout: (text) => process.stdout.write(text), cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug in kubeplan, never the user's input: one error annotation, no stack trace unless asked for.
    const detail =
      err instanceof Error ? (process.env.KUBEPLAN_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
    process.stdout.write(`::error title=kubeplan internal error::${detail.replace(/\r?\n/g, '%0A')}\n`);
    process.exitCode = 2;
  },
);
