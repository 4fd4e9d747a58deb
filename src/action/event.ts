/**
 * What the workflow run is about: the pull request's base and head (from the event payload at GITHUB_EVENT_PATH),
 * the files it changes (git, in the checked-out workspace) and where file links point.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunContext {
  /** The pull request's base commit (for rollout plans and the changed files); undefined outside pull requests. */
  baseSha?: string;
  baseRef?: string;
  /** The commit the links point at. */
  headSha?: string;
  /** Files the pull request changes, as paths relative to the workspace; undefined when git cannot tell. */
  changed?: Set<string>;
  /** `https://github.com/owner/repo/blob/<sha>/`, or undefined. */
  linkBase?: string;
  /** Why the changed files are unknown (shown in the log). */
  problem?: string;
}

interface PullRequestEvent {
  pull_request?: { base?: { sha?: string; ref?: string }; head?: { sha?: string } };
}

function readEvent(file: string | undefined): PullRequestEvent {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PullRequestEvent;
  } catch {
    return {};
  }
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function runContext(env: Record<string, string | undefined>, workspace: string): RunContext {
  const pr = readEvent(env.GITHUB_EVENT_PATH).pull_request;
  const baseSha = pr?.base?.sha && SHA.test(pr.base.sha) ? pr.base.sha : undefined;
  const headSha = pr?.head?.sha && SHA.test(pr.head.sha) ? pr.head.sha : env.GITHUB_SHA;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const linkBase =
    env.GITHUB_REPOSITORY && headSha && SHA.test(headSha)
      ? `${server}/${env.GITHUB_REPOSITORY}/blob/${headSha}/`
      : undefined;
  const context: RunContext = {
    ...(baseSha ? { baseSha } : {}),
    ...(pr?.base?.ref ? { baseRef: pr.base.ref } : {}),
    ...(headSha ? { headSha } : {}),
    ...(linkBase ? { linkBase } : {}),
  };
  if (!baseSha) return context;
  try {
    // Changes of the pull request: from the merge base with its base to HEAD (the checked-out head or merge commit).
    const out = execFileSync('git', ['diff', '--name-only', '-z', '--no-renames', `${baseSha}...HEAD`], {
      cwd: workspace,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    context.changed = new Set(out.split('\0').filter(Boolean));
  } catch {
    context.problem = `the base commit ${baseSha.slice(0, 12)} is not in the checkout (use actions/checkout with fetch-depth: 0)`;
  }
  return context;
}
