import { CLOSE_HEADING } from '../core/history/close.js';

const CLOSE_MARK = Buffer.from(' · close · ');

/**
 * How many close headings a journal version holds. Only lines holding the heading's
 * middle are decoded and tested: the versions read are whole weekly files, and a
 * history that often removes items reads thousands of them.
 */
export function closeCount(bytes: Buffer): number {
  let count = 0;
  for (let from = 0; ; ) {
    const at = bytes.indexOf(CLOSE_MARK, from);
    if (at < 0) return count;
    const start = bytes.lastIndexOf(0x0a, at) + 1;
    const nl = bytes.indexOf(0x0a, at);
    const end = nl < 0 ? bytes.length : nl;
    if (CLOSE_HEADING.test(bytes.toString('utf8', start, end).replace(/\r$/, ''))) count++;
    from = end;
  }
}
