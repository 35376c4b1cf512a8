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

/** `line` with `quiet` applied to its text outside its code spans. */
function quietLine(line: string, quiet: (text: string) => string): string {
  let out = '';
  let at = 0;
  const tick = /`+/g;
  for (let open = tick.exec(line); open; open = tick.exec(line)) {
    // A code span closes at the next run of as many backticks; an unclosed run is text.
    const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`, 'g');
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(line);
    if (!end) continue;
    out += quiet(line.slice(at, open.index)) + line.slice(open.index, end.index + open[0].length);
    at = end.index + open[0].length;
    tick.lastIndex = at;
  }
  return out + quiet(line.slice(at));
}

/** `markdown` with `quiet` applied to every text outside code spans and fenced code. */
function quietOutsideCode(markdown: string, quiet: (text: string) => string): string {
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
      return quietLine(line, quiet);
    })
    .join('\n');
}

/** `markdown` with no `@name` GitHub would notify, outside code. */
export function quietMentions(markdown: string): string {
  if (!markdown.includes('@')) return markdown;
  return quietOutsideCode(markdown, (text) => text.replace(MENTION, `$1@${QUIET}`));
}

// A `<` that could open a tag (a name, then a space, `/`, `>` or the line's end), a
// closing tag or an instruction; and one that opens a comment or a declaration (`<!`),
// wherever it stands. An autolink (`<https://…>`, `<ada@example.com>`) opens no HTML
// and stays a link.
const TAG_OPEN = /<(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|[/?])/gm;
const COMMENT_OPEN = /<!/g;

/**
 * `markdown` with no HTML GitHub would read: a quiet space after each `<` that could
 * open a tag, outside code, and after every `<!`, in code too. The review carries
 * decisions and subjects as typed, and `<!--` in one hid everything after it up to the
 * block's end, the trailers a squash merge takes included; a subject ending with the
 * block's end marker ended the block early, and each run appended another. Which text
 * is code is read line by line, and a reading that differs from GitHub's (an escaped
 * backtick, a fence left open) must never leave a marker or a comment whole. The
 * readers take the space out of trailers again, as they do a mention's ({@link loudMentions}).
 */
export function quietHtml(markdown: string): string {
  if (!markdown.includes('<')) return markdown;
  return quietOutsideCode(markdown, (text) => text.replace(TAG_OPEN, `<${QUIET}`)).replace(COMMENT_OPEN, `<${QUIET}!`);
}
