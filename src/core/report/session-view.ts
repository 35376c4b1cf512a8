import {
  getDeadEnds,
  getDecisions,
  getGoal,
  getKeyFiles,
  getNextSteps,
  getStatus,
  parseSession,
} from '../session/index.js';
import { redactDeep } from './redact-deep.js';
import type { Reasoned } from './types.js';

/** What the reports show of a SESSION.md: its public parts only, secrets redacted. */
export interface SessionView {
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  decisions: Reasoned[];
  deadEnds: Reasoned[];
  keyFiles: { path: string; why: string | null }[];
}

/**
 * Reads a SESSION.md text (`file` names it in errors, e.g. `SESSION.md at abc1234`).
 * Private sections and `<!-- private -->` regions are left out, and every
 * secret-looking span is replaced by `[REDACTED:<kind>]`, as in trailers and the journal.
 */
export async function sessionView(text: string, file?: string): Promise<SessionView> {
  // The accessors leave private sections, subsections and regions out themselves.
  const open = parseSession(text, file);
  return redactDeep({
    goal: getGoal(open),
    status: getStatus(open),
    nextSteps: getNextSteps(open),
    decisions: getDecisions(open),
    deadEnds: getDeadEnds(open),
    keyFiles: getKeyFiles(open),
  });
}
