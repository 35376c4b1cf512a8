import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown, type Options } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { parseYamlFrontMatter, refuseCodeFrontMatter } from './front-matter.js';
import { refuseConflicted } from './conflict.js';
import { classifyHeading } from './headings.js';
import { collectItems, type Span, type SpanOf } from './items.js';
import { oneLine, plainText, stripComments } from './mdast-text.js';
import { privateRanges, within, type Range } from './private.js';
import type { FrontMatter, SectionKind, SessionDoc, SessionSection } from './types.js';

// What remark-parse with remark-frontmatter and remark-gfm does, without unified and the
// to-markdown half remark-gfm brings along: nothing is ever re-serialised (remark-stringify
// normalises hand-written markdown), and a commit that misses the parse cache loads this.
// GFM's parts in the order gfm() and gfmFromMarkdown() list them, autolink literals
// first: the options with and without those differ in nothing else.
const FRONT_MATTER: ('yaml' | 'toml')[] = ['yaml', 'toml'];
const GFM_AFTER_AUTOLINKS: Options = {
  extensions: [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()],
  mdastExtensions: [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
};
const PARSE_OPTIONS: Options = {
  extensions: [frontmatter(FRONT_MATTER), gfmAutolinkLiteral(), ...GFM_AFTER_AUTOLINKS.extensions!],
  mdastExtensions: [frontmatterFromMarkdown(FRONT_MATTER), gfmAutolinkLiteralFromMarkdown(), ...GFM_AFTER_AUTOLINKS.mdastExtensions!],
};

/**
 * The same, without GFM's autolink literals (bare URLs and email addresses): they try
 * to match at every letter and took half of each parse, and most session files hold none.
 */
const WITHOUT_AUTOLINKS: Options = {
  extensions: [frontmatter(FRONT_MATTER), ...GFM_AFTER_AUTOLINKS.extensions!],
  mdastExtensions: [frontmatterFromMarkdown(FRONT_MATTER), ...GFM_AFTER_AUTOLINKS.mdastExtensions!],
};

/**
 * Whatever GFM could read as an autolink literal needs: `www.`, `http://` or `https://`,
 * or an address (`@` between its characters, a dot in the domain), as its tokenizer
 * and its tree transform both require. A text without any parses to the same tree
 * without them.
 */
export const MAY_AUTOLINK = /www\.|https?:\/\/|[-\w.+]@[-\w]+\.[-\w]/i;

/**
 * The mdast tree of a markdown text (no BOM), as remark-parse with front matter and
 * GFM gives it. `autolinks` is decided by the text unless given (a test compares both).
 */
export function parseMarkdown(body: string, autolinks = MAY_AUTOLINK.test(body)): Root {
  return fromMarkdown(body, autolinks ? PARSE_OPTIONS : WITHOUT_AUTOLINKS);
}

/** A section with what edits need beyond the public model. */
export interface SectionLayout {
  section: SessionSection;
  /** The section's own top-level nodes (nested sections excluded). */
  nodes: RootContent[];
  /** Where the section's own text stops: the first nested section, or `end`. */
  ownEnd: number;
}

/** The parsed document plus the layout edits splice against. */
export interface Analysis {
  doc: SessionDoc;
  layouts: SectionLayout[];
  span: SpanOf;
  /** Top-level nodes of the whole document. */
  nodes: RootContent[];
  /** `<!-- private -->` regions. */
  privates: Range[];
}

/**
 * Parses and keeps the layout; `parseSession` is the public view of this. With
 * `layoutOnly` the front matter's data is not read (it is empty): what only needs the
 * layout, as the private filter does, must not fail on YAML it never looks at.
 */
export function analyze(source: string, file?: string, layoutOnly = false): Analysis {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? source.slice(1) : source;
  if (!layoutOnly) refuseCodeFrontMatter(body, file);
  const tree = parseMarkdown(body);
  const span: SpanOf = (node: Nodes): Span => ({
    start: (node.position?.start.offset ?? 0) + bom,
    end: (node.position?.end.offset ?? 0) + bom,
  });
  const nl = source.indexOf('\n');
  const eol = nl > 0 && source[nl - 1] === '\r' ? '\r\n' : '\n';
  const nodes = tree.children;

  let frontMatter: FrontMatter | null = null;
  const first = nodes[0];
  if (first && (first.type === 'yaml' || (first.type as string) === 'toml')) {
    const { start, end } = span(first);
    const raw = (first as { value: string }).value;
    const data = first.type === 'yaml' && !layoutOnly ? parseYamlFrontMatter(source.slice(start, end), file) : Object.freeze({});
    frontMatter = Object.freeze({ raw, data, start, end });
  }

  const headingIdx = sectionHeadings(source, nodes, span);
  const heads = headingIdx.map((i) => {
    const h = nodes[i] as Heading;
    return { depth: h.depth, kind: classifyHeading(plainText(h)) };
  });
  let title: string | null = null;
  const titleAt = titleHeading(heads);
  const titleIdx = titleAt === undefined ? -1 : headingIdx[titleAt]!;
  if (titleAt !== undefined) title = oneLine(plainText(nodes[titleIdx] as Heading));

  const privates = privateRanges(source, tree, span);
  // Open headings, innermost last: decides whether an unknown sub-heading belongs to a known section.
  const stack: { at: number; depth: number; absorbed: boolean; known: boolean; private: boolean; layout?: SectionLayout }[] = [];
  const layouts: SectionLayout[] = [];
  for (const [at, i] of headingIdx.entries()) {
    const h = nodes[i]!;
    if (h.type !== 'heading') continue;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    if (i === titleIdx) {
      stack.push({ at, depth: h.depth, absorbed: false, known: false, private: false });
      continue;
    }
    const { kind } = heads[at]!;
    const parent = stack[stack.length - 1];
    const absorbed = kind === 'unknown' && parent !== undefined && (parent.known || parent.absorbed) && !besideKnown(heads, parent.at, at);
    const { start, end: bodyStart } = span(h);
    // A private section makes what it contains private; a marker region only what lies inside it.
    const heritable = kind === 'private' || (parent?.private ?? false);
    const isPrivate = heritable || within(privates, start);
    if (absorbed) {
      stack.push({ at, depth: h.depth, absorbed: true, known: false, private: heritable });
      continue;
    }
    let end = source.length;
    for (const j of headingIdx) {
      const other = nodes[j]!;
      if (j > i && other.type === 'heading' && other.depth <= h.depth) {
        end = lineStart(source, span(other).start);
        break;
      }
    }
    const section: SessionSection = {
      kind,
      heading: oneLine(plainText(h)),
      depth: h.depth,
      start,
      bodyStart,
      end,
      items: [],
      text: '',
      private: isPrivate,
    };
    const layout: SectionLayout = { section, nodes: [], ownEnd: end };
    layouts.push(layout);
    stack.push({ at, depth: h.depth, absorbed: false, known: kind !== 'unknown', private: heritable, layout });
  }

  for (const layout of layouts) {
    const s = layout.section;
    const nested = layouts.filter((o) => o !== layout && o.section.start > s.start && o.section.start < s.end);
    if (nested[0]) layout.ownEnd = lineStart(source, nested[0].section.start);
    layout.nodes = nodes.filter((n) => {
      const { start } = span(n);
      return start >= s.bodyStart && start < s.end && !nested.some((o) => start >= o.section.start && start < o.section.end);
    });
    s.text = stripComments(layout.nodes.map((n) => source.slice(span(n).start, span(n).end)).join(eol + eol)).trim();
    s.items = collectItems(source, layout.nodes, s.kind, span).map((item) => ({
      ...item,
      private: s.private || within(privates, item.start),
    }));
  }

  const sections = layouts.map((l) => l.section);
  const doc: SessionDoc = {
    source,
    eol,
    frontMatter,
    title,
    sections,
    unknownSections: sections.filter((s) => s.kind === 'unknown'),
  };
  return { doc, layouts, span, nodes, privates };
}

type HeadingFacts = { depth: number; kind: SectionKind };

/**
 * Which heading (by position in `heads`) is the document's title: a first heading of
 * level 1 that names no section, or, whatever it names, the only level-1 heading with
 * sections below it (`# Project Status` over `## Notes` and `## Decisions` is a title,
 * not a status that swallows the file). A private one stays a section: its text must
 * stay out of what is shared.
 */
function titleHeading(heads: readonly HeadingFacts[]): number | undefined {
  const first = heads[0];
  if (first?.depth !== 1) return undefined;
  if (first.kind === 'unknown') return 0;
  if (first.kind === 'private') return undefined;
  const rest = heads.slice(1);
  return rest.length > 0 && rest.every((h) => h.depth > 1) ? 0 : undefined;
}

/**
 * Whether the heading at `at` is one of the file's own sections rather than a part of
 * the level-1 known section at `parent`: it sits beside a known section of its own level
 * there (`## Notes` beside `## Decisions` under `# Project Status`, in a file of several
 * `#` headings). Deeper down a known section keeps its parts beside a known one: a
 * `## Current State` with `### Done`, `### Next` and `### Environment` is one status.
 */
function besideKnown(heads: readonly HeadingFacts[], parent: number, at: number): boolean {
  if (heads[parent]!.depth !== 1) return false;
  const { depth } = heads[at]!;
  for (let k = parent + 1; k < heads.length && heads[k]!.depth > 1; k++) {
    if (k !== at && heads[k]!.depth === depth && heads[k]!.kind !== 'unknown') return true;
  }
  return false;
}

/**
 * The indices of the headings that open sections. Markdown reads a `---` line under a
 * paragraph as a heading, but in a private section under a `#` heading people write
 * it as a separator, and ending the section there would publish the text after it.
 * So inside a private section with a `#` heading, only a `#` heading of its level or
 * higher ends it; underlined headings there are part of its text.
 */
function sectionHeadings(source: string, nodes: readonly RootContent[], span: SpanOf): number[] {
  const out: number[] = [];
  let privateDepth: number | undefined;
  nodes.forEach((n, i) => {
    if (n.type !== 'heading') return;
    const atx = /^[ \t]{0,3}#/.test(source.slice(span(n).start, span(n).start + 4));
    if (privateDepth !== undefined) {
      if (!atx) return;
      if (n.depth > privateDepth) {
        out.push(i);
        return;
      }
      privateDepth = undefined;
    }
    if (atx && classifyHeading(plainText(n)) === 'private') privateDepth = n.depth;
    out.push(i);
  });
  return out;
}

/** Offset of the first character of the line holding `offset`. */
export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Parses SESSION.md into sections, items and front matter. Never throws on odd
 * markdown; throws GitSessionError(BadInput) for malformed YAML or `---js` front
 * matter, and GitSessionError(Conflicted) for a text with merge conflict markers.
 */
export function parseSession(source: string, file?: string): SessionDoc {
  refuseConflicted(source, file);
  return analyze(source, file).doc;
}
