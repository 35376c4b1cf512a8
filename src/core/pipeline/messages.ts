import type { PromptMode } from '../config.js';
import type { Staleness } from './staleness.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 files, 120 lines changed; key files touched: src/a.ts` */
export function describeChange(s: Staleness): string {
  const keys = s.keyFilesTouched.length > 0 ? `; key files touched: ${s.keyFilesTouched.join(', ')}` : '';
  return `${plural(s.files.length, 'file')}, ${plural(s.changedLines, 'line')} changed${keys}`;
}

// Single quotes: decisions name code, and inside double quotes a shell runs `backticks`
// and expands $vars, silently. An apostrophe in single quotes fails loudly instead.
/** The commands that update the session file, one per line, indented. */
export function updateCommands(how = 'git session'): string[] {
  return [
    `  ${how} decide '<what was decided>' --because '<why>'`,
    `  ${how} dead-end '<what was tried>' --because '<why it failed>'`,
    `  ${how} set-status '<where the work stands now>'`,
  ];
}

/** How to quote the texts, for whoever copies the commands. */
const QUOTING = "(single quotes keep ` and $ literal; write ' as '\\'')";

/** The one line shown when nobody can be asked (GUI, IDE, CI). */
export function reminderLine(sessionFile: string, s: Staleness): string {
  return `git-session: ${sessionFile} was not updated by this commit (${describeChange(s)}); record decisions with: git session decide '<what>' --because '<why>'\n`;
}

export interface AssistantMessageInput {
  assistant: string;
  sessionFile: string;
  staleness: Staleness;
  /** Commits since the session file last changed; undefined when unknown. */
  commitsSince: number | undefined;
  mode: PromptMode;
}

/** What an assistant is told: what is stale and the exact commands that fix it. */
export function assistantMessage(m: AssistantMessageInput): string {
  const since =
    m.commitsSince === undefined
      ? ''
      : m.commitsSince === 0
        ? ''
        : `; ${plural(m.commitsSince, 'earlier commit')} since it last changed`;
  const head =
    m.mode === 'strict'
      ? `git-session: commit refused: ${m.sessionFile} was not updated (${describeChange(m.staleness)}${since}).`
      : // Said before git makes the commit: a later hook (commitlint's commit-msg) may still refuse it.
        `git-session: this commit does not update ${m.sessionFile} (${describeChange(m.staleness)}${since}).`;
  const tail =
    m.mode === 'strict'
      ? `Then stage it and commit again: git add ${m.sessionFile}`
      : `Then, once this commit is made, add it to it: git add ${m.sessionFile} && git commit --amend --no-edit`;
  return [
    head,
    `Note for ${m.assistant}: record what this work decided, ruled out and where it stands; skip a command with nothing to record ${QUOTING}:`,
    ...updateCommands(),
    tail,
    '',
  ].join('\n');
}

/** Why a strict-mode commit was refused, and how to get past it. */
export function strictRefusal(sessionFile: string, s: Staleness): string {
  return [
    `commit refused: ${sessionFile} was not updated by this commit (${describeChange(s)}), and prompt.mode is strict.`,
    `Record the session state, then commit again:`,
    ...updateCommands(),
    `  git add ${sessionFile}`,
    `(or edit ${sessionFile} by hand). To commit without it once: git commit --no-verify`,
  ].join('\n');
}

/** The warning when the staged session file itself looks like it holds a secret. */
export function secretWarning(sessionFile: string, kinds: readonly string[], strict: boolean): string {
  const what = kinds.length > 0 ? ` (${[...new Set(kinds)].join(', ')})` : '';
  return strict
    ? `commit refused: ${sessionFile} holds what looks like a secret${what}, and a committed secret stays in history. Remove it from ${sessionFile}, \`git add ${sessionFile}\` and commit again (if it is no secret: git commit --no-verify, once).`
    : `git-session: ${sessionFile} holds what looks like a secret${what}; trailers and the journal get it redacted, but ${sessionFile} itself is committed as is: remove it.\n`;
}

/** The one-keystroke menu a person at a terminal sees. */
export function menuText(sessionFile: string, s: Staleness): string {
  return (
    `\ngit-session: ${sessionFile} was not updated by this commit (${describeChange(s)}).\n` +
    `Record something now?  [d]ecision  dead [e]nd  [s]tatus  [o]pen ${sessionFile}  [Enter/n] skip: `
  );
}
