import type { Config, PromptMode } from '../config.js';
import type { JournalFile } from '../journal/entry.js';
import { assistantMessage, reminderLine, secretWarning, strictRefusal } from './messages.js';
import { conflictPolicy } from './policy/conflict.js';
import { conflictMessage } from '../session/conflict.js';
import { secretPolicy, type SecretFindings } from './policy/secrets.js';
import { staleAction, type Committer } from './policy/stale-action.js';
import type { SessionEntry } from './session-diff.js';
import type { SessionSummary } from './session-summary.js';
import type { Staleness } from './staleness.js';
import { capTrailers, MAX_TRAILER_BYTES, planTrailers, wovenLines, type PlannedTrailer } from './trailer-plan.js';

export type { Committer } from './policy/stale-action.js';

/** What the commit adds to the session file, ready to leave it (private parts out, secrets redacted). */
export interface SessionChange {
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  /** Kinds of secrets found in the staged file itself. */
  secretKinds: string[];
  /** Those the base did not hold: what this commit would newly put into history. */
  newSecretKinds: string[];
}

/** The session file as staged for this commit. */
export type StagedSession =
  | { kind: 'absent' }
  /** `secrets`: found in its raw text, which is committed though it cannot be read as a session file. */
  | { kind: 'unreadable'; problem: string; secrets: SecretFindings }
  | { kind: 'conflicted'; lines: readonly number[] }
  /** `change` is there when the commit changes the file. */
  | { kind: 'read'; summary: SessionSummary; change?: SessionChange };

/** What became of the lines git-session's own commands spliced into the session file. */
export interface OwnedEdits {
  /** Staged by this hook, though the person or assistant staged only code. */
  staged: number;
  /** The session file was not tracked yet: this commit adds it, as the commands left it. */
  added?: boolean;
  /** Still in the work tree only: they overlap edits of the person's that are not staged. */
  notStaged: number;
  /** The record of those lines could not be read (a damaged file under the git dir). */
  unreadable?: boolean;
  /** Recorded edits whose lines are no longer in the work tree (taken out, or stashed): not staged, and forgotten. */
  absent?: number;
}

/** Everything the pre-commit hook knows about the commit being made: gathered first, then planned from. */
export interface CommitFacts {
  sessionFile: string;
  mode: PromptMode;
  amend: boolean;
  /** The message is another commit's (`git commit -C`, `-c`): trailers woven for that commit's items do not belong to this one by themselves. */
  reusesMessage?: boolean;
  /** A merge, concluded with `git commit` or amended: its changes are its parents' but for what differs from all of them. */
  merge?: boolean;
  committer: Committer;
  staleness: Staleness;
  /** Commits since the session file last changed: asked only for an assistant's note. */
  commitsSince?: number;
  session: StagedSession;
  owned: OwnedEdits;
  /** The files the journal entry lists (the journal itself left out); undefined when the journal is off. */
  journalFiles?: JournalFile[];
  /**
   * On an amend, the session file as the amended commit has it (none: an empty summary),
   * or as the commit whose message is reused has it: the trailers woven for its items
   * are the ones the commit may take out. Undefined when it cannot be read: then every
   * trailer of our keys is taken out and planned again.
   */
  amended?: Pick<SessionSummary, 'goal' | 'decisions' | 'deadEnds'>;
  trailers: Config['trailers'];
}

/** The journal entry to write: the rest (time, author, branch) is the apply step's to know. */
export interface JournalPlan {
  goal: string | null;
  status: string | null;
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  files: JournalFile[];
}

/** What pre-commit does: refuse, or write the journal entry and hand trailers on. */
export interface CommitPlan {
  /** Why the commit is refused; nothing else is done then. */
  refusal?: string;
  /** One-line messages (and an assistant's note) for stderr. */
  messages: string[];
  journal?: JournalPlan;
  trailers: PlannedTrailer[];
  /**
   * On an amend (or a reused message), the trailer lines git-session may have woven into the message
   * (for the items of its session file and of the staged one): prepare-commit-msg takes
   * out those, and leaves any other `Decision:` a person typed. Undefined: all of our keys.
   */
  ours?: string[];
}

const NONE: SessionChange = { decisions: [], deadEnds: [], secretKinds: [], newSecretKinds: [] };

function ownedMessages(f: CommitFacts): string[] {
  const out: string[] = [];
  if (f.owned.added) {
    out.push(`git-session: ${f.sessionFile} was not tracked yet: this commit adds it with the lines git-session's commands wrote; your own edits after them stay unstaged.\n`);
  } else if (f.owned.staged > 0) {
    out.push(`git-session: staged the lines git-session's commands wrote to ${f.sessionFile} into this commit, and nothing else of that file.\n`);
  }
  if (f.owned.notStaged > 0) {
    out.push(
      `git-session: recorded but not staged: what git-session's commands wrote to ${f.sessionFile} overlaps your own unstaged edits there, so it is not in this commit. ` +
        `Stage it (git add -p ${f.sessionFile}) and amend (git commit --amend --no-edit).\n`,
    );
  }
  if (f.owned.absent) {
    const n = f.owned.absent;
    out.push(
      `git-session: ${n === 1 ? 'a recorded edit' : `${n} recorded edits`} of ${f.sessionFile} ${n === 1 ? 'is' : 'are'} no longer in the file (taken out, or stashed), so not in this commit; ` +
        `after git stash pop, stage ${f.sessionFile} yourself.\n`,
    );
  }
  if (f.owned.unreadable) {
    out.push(
      `git-session: the record of what git-session's commands wrote to ${f.sessionFile} could not be read, so none of it was staged for you. ` +
        `If ${f.sessionFile} holds decisions for this commit: git add ${f.sessionFile} and git commit --amend --no-edit.\n`,
    );
  }
  return out;
}

/**
 * Whether a merge has anything of its own to journal. A merge concluded with `git
 * commit` journals only a decision or a dead end recorded while it was made (a conflict
 * resolved by hand is part of merging); an amended merge also a file unlike every
 * parent's, which the amend changed. Without, it writes no entry: its changes are its
 * parents', whose entries it brings, as a merge git makes itself writes none. Any other
 * amend always writes one, which replaces the amended commit's.
 */
function ownsSomething(amend: boolean, files: readonly JournalFile[], change: SessionChange): boolean {
  return (amend && files.length > 0) || change.decisions.length > 0 || change.deadEnds.length > 0;
}

/** The pre-commit plan for a commit: pure, so every rule is a table test. */
export function planCommit(f: CommitFacts): CommitPlan {
  // What became of the recorded lines is said only when the commit goes ahead: a refused
  // one leaves them unstaged and recorded, for the next attempt.
  const owned = ownedMessages(f);
  const messages: string[] = [];
  const session = f.session;

  if (session.kind === 'conflicted') {
    const { problem, fix } = conflictMessage(f.sessionFile, session.lines);
    const text = `${f.sessionFile} ${problem} ${fix}`;
    if (conflictPolicy(f.mode, session.lines) === 'refuse') return { refusal: `git-session: commit refused: ${text} Then commit again.\n`, messages, trailers: [] };
    messages.push(`git-session: ${text} This commit records no session state.\n`);
  }

  // Lines that could not be staged were recorded: saying the file was not updated would be false.
  const stale = f.owned.notStaged === 0 && f.staleness.stale && session.kind !== 'absent';
  switch (staleAction(stale, f.mode, f.committer)) {
    case 'refuse':
      return { refusal: `git-session: ${strictRefusal(f.sessionFile, f.staleness)}\n`, messages, trailers: [] };
    case 'refuse-with-note-for-assistant':
    case 'note-for-assistant': {
      const name = f.committer.kind === 'assistant' ? f.committer.name : 'the assistant';
      const note = assistantMessage({ assistant: name, sessionFile: f.sessionFile, staleness: f.staleness, commitsSince: f.commitsSince, mode: f.mode });
      if (f.mode === 'strict') return { refusal: [...messages, note].join(''), messages: [], trailers: [] };
      messages.push(note);
      break;
    }
    case 'remind':
      messages.push(reminderLine(f.sessionFile, f.staleness));
      break;
    case 'none':
      break;
  }

  if (session.kind === 'unreadable') messages.push(`git-session: ${session.problem} (this commit records no session state)\n`);
  const read = session.kind === 'read' ? session : undefined;
  const change = read?.change ?? NONE;
  const found = session.kind === 'unreadable' ? session.secrets : { kinds: change.secretKinds, newKinds: change.newSecretKinds };
  const secrets = secretPolicy(f.mode, found);
  if (secrets.refuse.length > 0) return { refusal: `git-session: ${secretWarning(f.sessionFile, secrets.refuse, true)}\n`, messages, trailers: [] };
  if (secrets.warn.length > 0) messages.push(secretWarning(f.sessionFile, secrets.warn, false));

  const goal = read?.summary.goal ?? null;
  const journal = f.journalFiles && (!f.merge || ownsSomething(f.amend, f.journalFiles, change)) && {
    goal,
    status: read?.summary.status ?? null,
    decisions: change.decisions,
    deadEnds: change.deadEnds,
    files: f.journalFiles,
  };
  const { kept, omitted } = capTrailers(planTrailers({ decisions: change.decisions, deadEnds: change.deadEnds, goal, trailers: f.trailers }));
  const ours = (f.amend || f.reusesMessage) && f.amended ? wovenFor(f.amended, read?.summary, f.trailers) : undefined;
  if (omitted > 0) {
    const where = f.journalFiles ? 'are in the journal entry only' : 'are in the session file only';
    const why = kept.length === 0 ? `one message carries at most ${MAX_TRAILER_BYTES / 1024} KiB of them` : `a message carries at most ${kept.length}`;
    messages.push(`git-session: ${omitted} more decisions and dead ends ${where} (${why}).\n`);
  }
  return { messages: [...owned, ...messages], ...(journal ? { journal } : {}), trailers: kept, ...(ours ? { ours } : {}) };
}

/** The trailer lines woven for the items of the amended session file and of the staged one. */
function wovenFor(amended: NonNullable<CommitFacts['amended']>, staged: SessionSummary | undefined, trailers: Config['trailers']): string[] {
  return [...new Set([...wovenLines(amended, trailers), ...(staged ? wovenLines(staged, trailers) : [])])];
}
