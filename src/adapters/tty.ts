import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { childProcess, tty } from './builtins.js';

/** A conversation with the person at the controlling terminal. */
export interface Terminal {
  /** The terminal's file descriptor, for handing to an editor. */
  readonly fd: number;
  write(text: string): void;
  /**
   * One keystroke (raw mode, no Enter needed); '' at end of input or after the idle timeout.
   * `prompt` is written once raw mode is on: a key typed the moment it shows (Ctrl-C
   * above all, which cooked mode turns into a signal) reaches the caller.
   */
  key(prompt?: string): Promise<string>;
  /** One line without its ending; '' at end of input or after the idle timeout. */
  line(): Promise<string>;
  close(): void;
}

/** A person who walked away does not hold a commit (or an IDE that inherited a terminal) forever. */
const IDLE_MS = 5 * 60_000;

/**
 * Whether this process is in its terminal's foreground process group. A commit started
 * in the background (`git commit … &` at a shell with job control) that reads the
 * terminal is stopped by the kernel (SIGTTIN) and waits for ever, its idle timeout
 * stopped with it: it gets no menu, as a commit without a terminal gets none. Read
 * from /proc, else asked of ps (the BSDs and macOS name the fields alike); where
 * neither answers, taken to be in the foreground.
 */
function inForeground(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the name: state, parent, process group, session, terminal, the terminal's foreground group.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[2] === fields[5];
  } catch {
    const out = childProcess().spawnSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(process.pid)], { encoding: 'utf8' });
    const [group, foreground] = (out.stdout ?? '').trim().split(/\s+/);
    return out.status !== 0 || group === undefined || foreground === undefined || group === foreground;
  }
}

/**
 * Opens the controlling terminal, or undefined when there is none. Git hooks get
 * stdin from /dev/null, and `[ -r /dev/tty ]` is true even where opening it fails
 * (ENXIO in GUI clients, IDEs, CI and assistant shells), so the only test is to open it.
 */
export function openTerminal(path = '/dev/tty', idleMs = IDLE_MS): Terminal | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch {
    return undefined;
  }
  if (!tty().isatty(fd) || !inForeground()) {
    closeSync(fd);
    return undefined;
  }
  const input = new (tty().ReadStream)(fd);
  let buffer = '';
  let ended = false;
  let wake: (() => void) | undefined;
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    buffer += chunk;
    wake?.();
  });
  input.on('end', () => {
    ended = true;
    wake?.();
  });
  input.on('error', () => {
    ended = true;
    wake?.();
  });

  async function until(ready: () => boolean): Promise<boolean> {
    while (!ready()) {
      if (ended) return false;
      const woke = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      wake = undefined;
      if (!woke) return false;
    }
    return true;
  }

  return {
    fd,
    write(text) {
      writeSync(fd, text);
    },
    async key(prompt) {
      input.setRawMode(true);
      try {
        if (prompt) writeSync(fd, prompt);
        if (!(await until(() => buffer.length > 0))) return '';
        const ch = buffer[0]!;
        buffer = buffer.slice(1);
        return ch;
      } finally {
        input.setRawMode(false);
      }
    },
    async line() {
      const ok = await until(() => /[\r\n]/.test(buffer));
      const m = /\r\n|\r|\n/.exec(buffer);
      if (!ok || !m) {
        const rest = ended ? buffer : '';
        buffer = '';
        return rest;
      }
      const text = buffer.slice(0, m.index);
      buffer = buffer.slice(m.index + m[0].length);
      return text;
    },
    close() {
      try {
        input.setRawMode(false);
      } catch {
        // already closed
      }
      input.destroy();
    },
  };
}
