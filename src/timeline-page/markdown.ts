import { add, el } from './dom.js';
import { inline } from './inline.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(?:\s+(.*))?$/;
const TASK = /^\[([ xX])\]\s+/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
// An HTML comment's opening, spelled so that the page's own script never holds it.
const COMMENT = /^\s*<!-{2}/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** What changed in the version shown: added lines, and removed ones by the line they stood before. */
export interface Changes {
  added: Uint8Array;
  removed: Map<number, string[]>;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    FENCE.test(line) || HEADING.test(line) || RULE.test(line) || ITEM.test(line) || QUOTE.test(line) ||
    COMMENT.test(line) || (line.trim().startsWith('|') && next !== undefined && TABLE_RULE.test(next))
  );
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

/**
 * Renders markdown lines as DOM nodes: headings, paragraphs, lists and task lists,
 * quotes, code blocks, tables and rules. Every text goes through textContent, so
 * nothing in the file is ever parsed as HTML. Each block (each list item) that
 * holds an added line is marked `changed`; removed lines are shown struck out where
 * they stood.
 */
export function renderMarkdown(lines: readonly string[], changes: Changes): DocumentFragment {
  const root = document.createDocumentFragment();
  const shownRemoved = new Set<number>();
  const removedUpTo = (at: number, parent: Node) => {
    for (const [pos, gone] of changes.removed) {
      if (pos > at || shownRemoved.has(pos)) continue;
      shownRemoved.add(pos);
      const box = el(parent instanceof HTMLUListElement ? 'li' : 'div', 'removed');
      box.setAttribute('aria-label', 'removed in this commit');
      for (const line of gone) add(box, el('div', undefined, line === '' ? ' ' : line));
      parent.appendChild(box);
    }
  };
  const mark = (node: HTMLElement, start: number, end: number) => {
    for (let i = start; i < end; i++) {
      if (changes.added[i]) {
        node.classList.add('changed');
        return node;
      }
    }
    return node;
  };

  let i = 0;
  const n = lines.length;
  while (i < n) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const start = i;
    removedUpTo(start, root);
    if (i === 0 && (line === '---' || line === '+++')) {
      let end = 1;
      while (end < n && lines[end] !== line && lines[end] !== '...') end++;
      i = Math.min(n, end + 1);
      root.appendChild(mark(el('pre', 'front-matter', lines.slice(0, i).join('\n')), start, i));
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const mark0 = fence[1]!;
      let end = i + 1;
      while (end < n && !new RegExp(`^ {0,3}${mark0[0] === '`' ? '`' : '~'}{${mark0.length},}\\s*$`).test(lines[end]!)) end++;
      const pre = el('pre');
      pre.appendChild(el('code', undefined, lines.slice(i + 1, end).join('\n')));
      i = Math.min(n, end + 1);
      root.appendChild(mark(pre, start, i));
      continue;
    }
    if (COMMENT.test(line)) {
      while (i < n && !lines[i]!.includes('-->')) i++;
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      const h = el(`h${Math.min(6, depth + 2)}` as 'h3', `md-h${depth}`);
      root.appendChild(mark(inline(heading[2] ?? '', h), i, i + 1));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      root.appendChild(mark(el('hr'), i, i + 1));
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < n && TABLE_RULE.test(lines[i + 1]!)) {
      const table = el('table');
      const head = add(el('tr'), ...cells(line).map((c) => inline(c, el('th'))));
      add(table, add(el('thead'), mark(head, i, i + 1)));
      const body = el('tbody');
      i += 2;
      while (i < n && lines[i]!.trim().startsWith('|')) {
        body.appendChild(mark(add(el('tr'), ...cells(lines[i]!).map((c) => inline(c, el('td')))), i, i + 1));
        i++;
      }
      root.appendChild(add(table, body));
      continue;
    }
    if (QUOTE.test(line)) {
      const text: string[] = [];
      while (i < n && QUOTE.test(lines[i]!)) text.push(QUOTE.exec(lines[i++]!)![1]!);
      root.appendChild(mark(inline(text.join(' '), el('blockquote')), start, i));
      continue;
    }
    if (ITEM.test(line)) {
      const list = el('ul');
      while (i < n && ITEM.test(lines[i]!)) {
        const m = ITEM.exec(lines[i]!)!;
        const itemStart = i;
        removedUpTo(itemStart, list);
        const text = [m[3] ?? ''];
        i++;
        // Continuation lines: indented, not a new item, not blank.
        while (i < n && lines[i]!.trim() !== '' && /^\s+/.test(lines[i]!) && !ITEM.test(lines[i]!)) text.push(lines[i++]!.trim());
        const li = el('li');
        const level = Math.min(6, Math.floor(m[1]!.replace(/\t/g, '    ').length / 2));
        if (level > 0) li.style.marginLeft = `${level * 1.25}em`;
        let body = text.join(' ');
        // A numbered item keeps its own number: lists here mix markers freely.
        if (/\d/.test(m[2]![0]!)) {
          li.classList.add('ordered');
          li.appendChild(el('span', 'number', `${m[2]} `));
        }
        const task = TASK.exec(body);
        if (task) {
          const done = task[1] !== ' ';
          li.classList.add('task');
          if (done) li.classList.add('done');
          li.appendChild(el('span', 'box', done ? '☑ ' : '☐ '));
          body = body.slice(task[0].length);
        }
        list.appendChild(mark(inline(body, li), itemStart, i));
        // A blank line between items keeps the list going.
        if (i + 1 < n && lines[i]?.trim() === '' && ITEM.test(lines[i + 1]!)) i++;
      }
      root.appendChild(list);
      continue;
    }
    const para: string[] = [];
    while (i < n && lines[i]!.trim() !== '' && (i === start || !startsBlock(lines[i]!, lines[i + 1]))) para.push(lines[i++]!.trim());
    root.appendChild(mark(inline(para.join(' '), el('p')), start, i));
  }
  removedUpTo(Number.POSITIVE_INFINITY, root);
  return root;
}
