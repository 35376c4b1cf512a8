/**
 * GitHub notifies every `@name` in a pull request's description or comment, each time
 * the text that holds it is written. The review carries commit subjects and decisions
 * as their authors typed them ("as @dana suggested", "drop @babel/core"), so the action
 * would ping people who never asked to follow the pull request. A zero-width space
 * after the `@` keeps the name as it reads and stops the notification, in the page and
 * in the mail a reply quotes it in. Code spans and fenced code are left as written:
 * GitHub sees no mention there, and code someone copies must stay as typed.
 *
 * The trailers of the block go into a squash commit built from the description, so the
 * readers take the space out again ({@link loudMentions}): a decision reads the same in
 * the squash commit as in the commits it came from.
 */

import { QUIET } from '../trailers/loud-mentions.js';

// An `@` where GitHub starts a mention: at the start or after a space or punctuation
// that can open a phrase, before a letter or digit. After a `/`, `.` or a word character
// it is part of a URL, a path or an address, and GitHub links no one there.
const MENTION = /(^|[\s([{"'*_~>,;:!?])@(?=[A-Za-z0-9])/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** `line` with a quiet space after each mention's `@`, outside its code spans. */
function quietLine(line: string): string {
  let out = '';
  let at = 0;
  const tick = /`+/g;
  for (let open = tick.exec(line); open; open = tick.exec(line)) {
    // A code span closes at the next run of as many backticks; an unclosed run is text.
    const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`, 'g');
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(line);
    if (!end) continue;
    out += line.slice(at, open.index).replace(MENTION, `$1@${QUIET}`) + line.slice(open.index, end.index + open[0].length);
    at = end.index + open[0].length;
    tick.lastIndex = at;
  }
  return out + line.slice(at).replace(MENTION, `$1@${QUIET}`);
}

/** `markdown` with no `@name` GitHub would notify, outside code. */
export function quietMentions(markdown: string): string {
  if (!markdown.includes('@')) return markdown;
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = FENCE.exec(line)?.[1];
      if (fence !== undefined) {
        // CommonMark: a closing fence has the opening's character, at least as many, and nothing else.
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      return quietLine(line);
    })
    .join('\n');
}
