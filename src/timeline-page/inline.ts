import { el } from './dom.js';

// Only links a reader can follow on purpose; `javascript:`, `data:` and the rest stay text.
const SAFE_URL = /^(?:https?:|mailto:)/i;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!~<>|]/;

function closing(text: string, from: number, mark: string): number {
  // `*a * b*`: a closing mark cannot follow a space; `a_b_c`: an underscore inside a word closes nothing.
  const bad = (at: number) => /\s/.test(text[at - 1]!) || (mark[0] === '_' && /\w/.test(text[at + mark.length] ?? ''));
  let at = text.indexOf(mark, from);
  while (at > from && bad(at)) at = text.indexOf(mark, at + 1);
  return at > from ? at : -1;
}

/** `[label](url)` at `at`: the label, the url and where it ends; undefined when it is not one. */
function link(text: string, at: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) {
      if (text[i + 1] !== '(') return undefined;
      const close = closingParen(text, i + 2);
      if (close < 0) return undefined;
      const url = text.slice(i + 2, close).trim().split(/\s+/)[0] ?? '';
      return { label: text.slice(at + 1, i), url: url.replace(/^<|>$/g, ''), end: close + 1 };
    }
  }
  return undefined;
}

/** The `)` that ends a link destination starting at `from`: parentheses inside it come in balanced pairs (CommonMark), escaped ones do not count. */
function closingParen(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth-- === 0) return i;
  }
  return -1;
}

function anchor(label: string, url: string, depth: number): Node {
  if (!SAFE_URL.test(url)) return inline(label, el('span', 'link-text'), depth + 1);
  const a = el('a');
  a.href = url;
  a.rel = 'noopener noreferrer';
  a.referrerPolicy = 'no-referrer';
  return inline(label, a, depth + 1);
}

/**
 * Renders one line of markdown inline syntax into `into`: code spans, strong,
 * emphasis, strikethrough, links and autolinks. Images are named, never loaded;
 * HTML is shown as the text it is; HTML comments are left out.
 */
export function inline<T extends Node>(text: string, into: T, depth = 0): T {
  let buf = '';
  const flush = () => {
    if (buf !== '') into.appendChild(document.createTextNode(buf));
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end > 0) {
        flush();
        into.appendChild(el('code', undefined, text.slice(i + run, end).replace(/^ (.*) $/, '$1')));
        i = end + run;
        continue;
      }
      buf += fence;
      i += run;
      continue;
    }
    if (depth < 8) {
      const wordBefore = i > 0 && /\w/.test(text[i - 1]!);
      const pair =
        text.startsWith('**', i) || (text.startsWith('__', i) && !wordBefore) ? text.slice(i, i + 2) : text.startsWith('~~', i) ? '~~' : undefined;
      if (pair) {
        const end = closing(text, i + 2, pair);
        if (end > 0) {
          flush();
          into.appendChild(inline(text.slice(i + 2, end), el(pair === '~~' ? 'del' : 'strong'), depth + 1));
          i = end + 2;
          continue;
        }
      }
      if ((c === '*' || c === '_') && text[i + 1] !== c && !/\s/.test(text[i + 1] ?? ' ') && (c === '*' || i === 0 || !/\w/.test(text[i - 1]!))) {
        const end = closing(text, i + 1, c);
        if (end > 0) {
          flush();
          into.appendChild(inline(text.slice(i + 1, end), el('em'), depth + 1));
          i = end + 1;
          continue;
        }
      }
      if (c === '!' && text[i + 1] === '[') {
        const l = link(text, i + 1);
        if (l) {
          flush();
          into.appendChild(el('span', 'image', `[image: ${l.label}]`));
          i = l.end;
          continue;
        }
      }
      if (c === '[') {
        const l = link(text, i);
        if (l) {
          flush();
          into.appendChild(anchor(l.label, l.url, depth));
          i = l.end;
          continue;
        }
      }
    }
    if (c === '<') {
      // An HTML comment, spelled so that the page's own script never holds the sequence that opens one.
      if (text[i + 1] === '!' && text.startsWith('--', i + 2)) {
        const end = text.indexOf('-->', i + 4);
        flush();
        i = end < 0 ? text.length : end + 3;
        continue;
      }
      const auto = /^<((?:https?:|mailto:)[^\s<>]+)>/i.exec(text.slice(i));
      if (auto) {
        flush();
        into.appendChild(anchor(auto[1]!, auto[1]!, depth));
        i += auto[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return into;
}
