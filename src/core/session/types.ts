/** What a SESSION.md section is about, recognised from its heading. */
export type SectionKind =
  | 'goal'
  | 'decisions'
  | 'deadEnds'
  | 'status'
  | 'nextSteps'
  | 'keyFiles'
  | 'gotchas'
  | 'private'
  | 'unknown';

/** One entry of a section: a list item, a table row, or a sub-heading entry. Offsets index `SessionDoc.source`. */
export interface SessionItem {
  text: string;
  reason: string | null;
  checked: boolean | null;
  private: boolean;
  start: number;
  end: number;
}

/** A heading and the text it governs, up to the next heading of the same or a higher level. */
export interface SessionSection {
  kind: SectionKind;
  heading: string;
  depth: number;
  /** Offset of the heading's first character. */
  start: number;
  /** Offset just after the heading (its underline, for setext headings). */
  bodyStart: number;
  /** Offset where the next heading of the same or a higher level begins (or the end of the source). */
  end: number;
  items: SessionItem[];
  /** body text with markdown kept, HTML comments removed, trimmed */
  text: string;
  private: boolean;
}

/** Front matter as found; `data` is a frozen copy and is never written back. */
export interface FrontMatter {
  raw: string;
  data: Readonly<Record<string, unknown>>;
  start: number;
  end: number;
}

/** A parsed SESSION.md. `source` is the serialisation: edits splice it at these offsets. */
export interface SessionDoc {
  source: string;
  eol: '\n' | '\r\n';
  frontMatter: FrontMatter | null;
  title: string | null;
  sections: SessionSection[];
  unknownSections: SessionSection[];
}
