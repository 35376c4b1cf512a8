import { expect } from 'vitest';
import { tempRepo, type TempRepo } from './repo.js';

/** A repository after `init` (hooks, settings, this clone's merge drivers), committed through the hooks. */
export function initialised(): TempRepo {
  const r = tempRepo();
  const init = r.run(['init']);
  expect(init.code, init.stderr).toBe(0);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'Start a git-session']);
  return r;
}

/** Records a decision with `decide` and commits it with a change to `file`, through the hooks; returns the commit's id. */
export function decideAndCommit(r: TempRepo, what: string, file: string): string {
  const decide = r.run(['decide', what, '--because', `reason for ${what}`]);
  expect(decide.code, decide.stderr).toBe(0);
  r.write(file, `${what}\n`);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', what]);
  return r.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** A session file with private text in both forms: a `## Private` section and a `<!-- private -->` region. */
export const PRIVATE_SESSION = `# Session

## Goal
Ship retries.

## Decisions
- Use a queue — Reason: bursts <!-- private -->(the CTO wants it)<!-- /private -->

## Private
- salary talk with Ada on Friday
`;
