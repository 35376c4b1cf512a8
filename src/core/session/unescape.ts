/** A piece of an entry's text: a code span (kept byte for byte) or the text around it. */
export interface TextPiece {
  code: boolean;
  text: string;
}

const PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Splits text into code spans and the rest, as markdown reads them: a run of
 * backticks opens a span closed by the next run of the same length; with `escapes`,
 * a backslash before punctuation outside a span is an escape (`` \` `` opens nothing).
 */
export function splitCodeSpans(text: string, escapes: boolean): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (escapes && c === '\\' && i + 1 < text.length && PUNCT.test(text[i + 1]!)) {
      plain += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      plain += c;
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = closingRun(text, i + n, n);
    if (close === -1) {
      plain += text.slice(i, i + n);
      i += n;
      continue;
    }
    if (plain !== '') pieces.push({ code: false, text: plain });
    plain = '';
    pieces.push({ code: true, text: text.slice(i, close + n) });
    i = close + n;
  }
  if (plain !== '') pieces.push({ code: false, text: plain });
  return pieces;
}

function closingRun(text: string, from: number, n: number): number {
  for (let j = from; j < text.length; ) {
    if (text[j] !== '`') {
      j++;
      continue;
    }
    let m = 0;
    while (text[j + m] === '`') m++;
    if (m === n) return j;
    j += m;
  }
  return -1;
}

/**
 * Entry text as a reader means it: markdown backslash escapes (`\#`, `\*`, `\\`,
 * which the record commands add so the text reads back exactly as typed) removed
 * outside code spans. Code spans and other markup stay as written.
 */
export function unescapeMarkdown(text: string): string {
  if (!text.includes('\\')) return text;
  return splitCodeSpans(text, true)
    .map((p) => (p.code ? p.text : p.text.replace(/\\([!-/:-@[-`{-~])/g, '$1')))
    .join('');
}

// A reason marker inside an entry's own text (`why:`, `**Reason**:`): its colon is escaped.
const MARKER_COLON = /((?:reason|why|rationale)[*_]*\s*):/gi;

/**
 * The inverse of {@link unescapeMarkdown} for one line a person typed: outside code
 * spans, backslashes and stray backticks are escaped, a `<` cannot open inline HTML
 * (an HTML comment opener, a private region), and a reason marker cannot split the entry. Reading the
 * result back gives the typed text exactly.
 */
export function escapeInline(text: string): string {
  return splitCodeSpans(text, false)
    .map((p) =>
      p.code
        ? p.text
        : p.text
            .replace(/[\\`]/g, '\\$&')
            // A `<` that could open inline HTML (a tag, a comment, a declaration such as
            // `<!A`, which runs to the next `>`) or an autolink would take the text after it.
            .replace(/<(?=[A-Za-z/!?])/g, '\\<')
            .replace(MARKER_COLON, '$1\\:'),
    )
    .join('');
}
