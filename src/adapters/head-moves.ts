import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** One line of HEAD's reflog: the commit HEAD left, the one it went to, and git's note of why. */
export interface HeadMove {
  from: string;
  to: string;
  why: string;
}

/** Enough of the reflog's end for a few dozen moves, however long the file grew. */
const TAIL_BYTES = 8 * 1024;

/**
 * HEAD's last moves, newest first, read from the end of its reflog in the git dir (a
 * linked worktree keeps its own): none where git keeps no reflog
 * (core.logAllRefUpdates=false) or it cannot be read. Read as a file because a commit
 * asks it every time, and a git process would cost it more than the question is worth.
 */
export function lastHeadMoves(gitDir: string): HeadMove[] {
  let fd: number;
  try {
    fd = openSync(join(gitDir, 'logs', 'HEAD'), 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const bytes = Buffer.alloc(size - start);
    const got = readSync(fd, bytes, 0, bytes.length, start);
    const lines = bytes.toString('utf8', 0, got).split('\n');
    // A read from the middle of the file starts inside a line.
    if (start > 0) lines.shift();
    const moves: HeadMove[] = [];
    for (const line of lines.reverse()) {
      const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [^\t]*\t?(.*)$/.exec(line);
      if (m) moves.push({ from: m[1]!, to: m[2]!, why: m[3]! });
    }
    return moves;
  } catch {
    return [];
  } finally {
    closeSync(fd);
  }
}
