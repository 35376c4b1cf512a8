import {
  getDeadEnds,
  getDecisions,
  getGoal,
  getKeyFiles,
  getNextSteps,
  getStatus,
  parseSession,
} from '../session/index.js';
import type { Reasoned } from './types.js';

/** What the history commands show of a SESSION.md: its public parts only. */
export interface SessionView {
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  decisions: Reasoned[];
  deadEnds: Reasoned[];
  keyFiles: { path: string; why: string | null }[];
}

/** Reads a SESSION.md text (`file` names it in errors, e.g. `SESSION.md at abc1234`). */
export function sessionView(text: string, file?: string): SessionView {
  const doc = parseSession(text, file);
  return {
    goal: getGoal(doc),
    status: getStatus(doc),
    nextSteps: getNextSteps(doc),
    decisions: getDecisions(doc),
    deadEnds: getDeadEnds(doc),
    keyFiles: getKeyFiles(doc),
  };
}
