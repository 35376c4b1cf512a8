import { ExitCode, GitSessionError } from '../../errors.js';

/** What the action needs from a `pull_request` (or `pull_request_target`) event. */
export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  /** The base branch's name (`main`), when the event gives it. */
  baseRef?: string;
  headSha: string;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The pull request of an event payload, or undefined when the event is about something else (a push). */
export function pullRequestOf(payload: unknown): PullRequest | undefined {
  const root = object(payload);
  const pr = object(root?.pull_request);
  if (!root || !pr) return undefined;
  const repository = object(root.repository);
  const owner = text(object(repository?.owner)?.login);
  const repo = text(repository?.name);
  const baseSha = text(object(pr.base)?.sha);
  const baseRef = text(object(pr.base)?.ref);
  const headSha = text(object(pr.head)?.sha);
  const number = typeof pr.number === 'number' ? pr.number : typeof root.number === 'number' ? root.number : undefined;
  if (!owner || !repo || !baseSha || !headSha || number === undefined) {
    throw new GitSessionError(ExitCode.BadInput, 'the pull_request event lacks the repository, the number or the base and head commits.', {
      fix: 'Run the action on pull_request events as GitHub sends them.',
    });
  }
  return { owner, repo, number, baseSha, ...(baseRef ? { baseRef } : {}), headSha };
}
