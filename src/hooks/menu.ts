import { childProcess } from '../adapters/builtins.js';
import { readTextFile, writeFileAtomic } from '../adapters/fs.js';
import type { Terminal } from '../adapters/tty.js';
import { menuText } from '../core/pipeline/messages.js';
import type { Staleness } from '../core/pipeline/staleness.js';

export interface MenuOptions {
  /** Absolute path of the session file in the work tree. */
  sessionPath: string;
  /** Its repository-relative name, for messages. */
  display: string;
  /** The work tree's top level: a write through a link that leaves it is refused. */
  root: string;
  staleness: Staleness;
  /** The editor command line ($GIT_EDITOR, core.editor, $VISUAL, $EDITOR, vi). */
  editor: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Told of each splice the menu makes, so the commit stages exactly those lines. */
  recorded: (before: string, after: string) => void;
  /** Runs a read-splice-write of the session file under the lock every writer of it takes. */
  locked: (edit: () => void) => void;
}

/** Most entries one commit's menu records before it lets the commit go on. */
const MAX_ROUNDS = 8;

/** Ctrl-C as the terminal delivers it in raw mode: no SIGINT is sent, the byte arrives instead. */
const CTRL_C = '\x03';

/** How the menu ended. */
export interface MenuResult {
  /** The session file changed (the caller stages it so it lands in this commit). */
  changed: boolean;
  /** The person pressed Ctrl-C: the commit must stop, as it would at any other prompt. */
  aborted: boolean;
  /** The person edited the file in their editor: the whole file is theirs to commit. */
  opened: boolean;
}

async function ask(term: Terminal, question: string): Promise<string> {
  term.write(question);
  return (await term.line()).trim();
}

/**
 * The one-keystroke menu a person at a terminal gets when a substantial commit leaves
 * the session file alone. What they record is spliced into the file.
 */
export async function runMenu(term: Terminal, options: MenuOptions): Promise<MenuResult> {
  const model = await import('../core/session/index.js');
  let changed = false;
  let opened = false;
  let prompt = menuText(options.display, options.staleness);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const key = (await term.key(prompt)).toLowerCase();
    if (key === CTRL_C) {
      term.write('^C\n');
      return { changed, opened, aborted: true };
    }
    term.write(/^[a-z]$/.test(key) ? `${key}\n` : '\n');
    const edit = (fn: (source: string) => string) =>
      options.locked(() => {
        const before = readTextFile(options.sessionPath, options.display);
        const after = fn(before);
        if (after !== before) {
          writeFileAtomic(options.sessionPath, after, options.root);
          options.recorded(before, after);
          changed = true;
        }
      });
    if (key === 'd' || key === 'e') {
      const text = await ask(term, key === 'd' ? 'Decision: ' : 'Dead end (what was tried): ');
      if (text) {
        const reason = (await ask(term, key === 'd' ? 'Because: ' : 'Why it failed: ')) || null;
        edit((s) => (key === 'd' ? model.addDecision(s, { text, reason }) : model.addDeadEnd(s, { text, reason })));
        term.write(`Recorded in ${options.display}.\n`);
      }
    } else if (key === 's') {
      const text = await ask(term, 'Status: ');
      if (text) {
        edit((s) => model.setStatus(s, text));
        term.write(`Status set in ${options.display}.\n`);
      }
    } else if (key === 'o') {
      const before = readTextFile(options.sessionPath, options.display);
      const editor = await options.editor();
      childProcess().spawnSync('sh', ['-c', `${editor} "$@"`, editor, options.sessionPath], {
        stdio: [term.fd, term.fd, term.fd],
        env: options.env,
      });
      if (readTextFile(options.sessionPath, options.display) !== before) changed = opened = true;
    } else {
      break;
    }
    prompt = `Anything else?  [d]ecision  dead [e]nd  [s]tatus  [o]pen ${options.display}  [Enter/n] go on: `;
  }
  return { changed, opened, aborted: false };
}
