/**
 * The `show` report: SESSION.md as it was at a commit.
 *
 * JSON shape (stable; fields are never removed, new ones may be added):
 * {
 *   "commit": "<full hash>", "short": "abc1234", "subject": string,
 *   "date": "2026-11-01T10:00:00+01:00",      // author date of that commit
 *   "file": "SESSION.md",
 *   "goal": string | null, "status": string | null, "nextSteps": string[],
 *   "decisions": [{ "text", "reason": string | null }], "deadEnds": [...],
 *   "keyFiles": [{ "path", "why": string | null }],
 *   "content": string                          // the file as committed, secret-looking spans redacted
 * }
 */
import { day, inline, json } from './commits.js';
import type { SessionView } from './session-view.js';
import type { CommitRecord } from './types.js';

/** SESSION.md as it was at a commit: its public view, and the file itself. */
export interface ShowReport extends SessionView {
  commit: string;
  short: string;
  subject: string;
  date: string;
  file: string;
  content: string;
}

export function buildShow(commit: CommitRecord, file: string, content: string, view: SessionView): ShowReport {
  return {
    commit: commit.hash,
    short: commit.short,
    subject: commit.subject,
    date: commit.date,
    file,
    goal: view.goal,
    status: view.status,
    nextSteps: view.nextSteps,
    decisions: view.decisions,
    deadEnds: view.deadEnds,
    keyFiles: view.keyFiles,
    content,
  };
}

/** The file as it was, under one HTML-comment line naming the commit (harmless if saved as markdown). */
export function renderShowMarkdown(commit: CommitRecord, file: string, content: string): string {
  const header = `<!-- ${file} at ${commit.short} (${day(commit.date)}): ${inline(commit.subject).replaceAll('-->', '->')} -->`;
  return `${header}\n${content}${content.endsWith('\n') || content === '' ? '' : '\n'}`;
}

export function renderShowJson(r: ShowReport): string {
  return json(r);
}
