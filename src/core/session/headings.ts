import type { SectionKind } from './types.js';

/** The sections of templates/SESSION.md, in order, with the headings new sections get. */
export const TEMPLATE_SECTIONS: readonly { kind: SectionKind; heading: string }[] = Object.freeze([
  { kind: 'goal', heading: 'Goal' },
  { kind: 'status', heading: 'Status' },
  { kind: 'nextSteps', heading: 'Next Steps' },
  { kind: 'decisions', heading: 'Decisions' },
  { kind: 'deadEnds', heading: "Dead Ends (Don't Revisit)" },
  { kind: 'keyFiles', heading: 'Key Files' },
  { kind: 'gotchas', heading: 'Gotchas' },
  { kind: 'private', heading: 'Private' },
] as const);

/**
 * Words that may follow a family's name without changing what the section is:
 * `Decisions made so far`, `Next steps for the new session`, `Files to check first`.
 */
const TRAIL = String.raw`(?: (?:for|in|of|from|to|this|that|during|since|so far|made|taken|hit|found|left|touched|changed|modified|created|log|list|backlog)\b.*)?`;

/** A family: English spellings (with `TRAIL`), and other languages' (any words after). */
function family(english: string, other: string): RegExp {
  return new RegExp(String.raw`^(?:(?:${english})${TRAIL}|(?:${other})(?: .*)?)$`, 'u');
}

// Spellings of each family, after `normalizeHeading`. Order matters: the first match wins.
const FAMILIES: readonly [SectionKind, RegExp][] = [
  ['private', family(String.raw`(?:private|personal)(?: notes?| scratch(?:pad)?)?`, 'privé|privado|privat')],
  [
    'goal',
    family(
      String.raw`what we(?:'re| are) (?:building|doing|making)|(?:(?:the|current|session|project|main|overall|primary) )?(?:goals?|objectives?|task|mission|purpose|focus)`,
      'objetivos?|objectifs?|ziele?|目標|目标|.*목적|.*목표',
    ),
  ],
  [
    'decisions',
    family(
      String.raw`(?:.+ of (?:the )?)?(?:(?:key|technical|tech|design|architecture|architectural|schema|important|main|active|major|notable|project) ){0,2}decisions?|what (?:was|we) decided`,
      'decisiones|décisions|decisioni|decisões|entscheidungen|(?:design)?beslut|(?:.* )?kararlar[ıi]?|.*決定事項|.*决策|.*결정(?:사항)?',
    ),
  ],
  [
    'deadEnds',
    family(
      String.raw`dead ends?|don't revisit|failed (?:approaches|attempts|experiments|ideas)|tried and rejected|what (?:we tried|didn't work|did not work|failed)|rejected (?:approaches|ideas|options|alternatives)|ruled out|approaches tried|attempts`,
      'descartad[oa]s?|sackgassen|impasses?|vicoli ciechi',
    ),
  ],
  [
    'nextSteps',
    family(
      String.raw`(?:(?:potential|immediate|suggested|concrete) )?next(?: (?:concrete|single))? (?:steps?|actions?|tasks?)|next(?: up| session)?|todos?|to[- ]?do|still to do|what's left|remaining(?: work| tasks| steps)?|pending(?: work| tasks)?|open (?:tasks|items)`,
      'pendientes?|(?:siguientes?|próximos?) pasos?|prochaines étapes|nächste schritte|nästa steg|da fare|in sospeso|다음 .*|次.*|下一步.*',
    ),
  ],
  [
    'status',
    family(
      String.raw`(?:(?:current|project|session|overall|task|working) ){0,2}(?:status|state|progress)|where (?:we are|we stand|things stand|the project stands)`,
      '当前状态|현재 상태|現在の状態|статус|estado|stato|statut|état actuel|aktueller stand|(?:.* )?durum(?:u)?',
    ),
  ],
  [
    'keyFiles',
    family(
      String.raw`(?:(?:key|important|relevant|main|core) )?(?:files?(?: (?:created|modified|changed|touched)(?:\/(?:created|modified|changed|touched))?)?(?: (?:paths?|map))?|paths)`,
      'fichiers clés|archivos clave|file chiave|wichtige dateien|viktiga filer|文件清单|(?:핵심|주요|중요) 파일.*',
    ),
  ],
  [
    'gotchas',
    family(
      String.raw`gotchas?|known (?:issues|problems|failures|bugs|limitations|quirks)|(?:(?:common|known) )?pitfalls|lessons(?: learned)?|(?:key )?learnings|caveats|things to (?:avoid|watch|know)`,
      '알려진 이슈|주의사항',
    ),
  ],
];

/** Where a heading names two things (`Decisions & Dead Ends`), the first one decides. */
const JOINED = /\s+(?:\/|&|\+|and|y|et|und|e)\s+/u;

const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;
const NUMBERING = /^(?:§\s*\d+(?:\.\d+)*[.)]?|\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)]|(?:phase|step|part|section)\s+\d+[a-z]?\s*[:.)—–-]?)\s+/u;
const TRAILING_PARENS = /\s*[([（【][^()（）[\]【】]*[)\]）】]\s*$/u;
const TRAILING_DATE = /\s+[—–-]+\s+[^—–]*\d[^—–]*$/u;

/**
 * Lower-cases a heading's plain text and strips what varies between files but not
 * between meanings: emoji, numbering, trailing parentheses, colons and dated suffixes.
 */
export function normalizeHeading(plain: string): string {
  let s = plain.replace(EMOJI, ' ').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
  s = s.replace(/[’‘`]/g, "'");
  s = s.replace(/^[\s*_~#:|>-]+/, '').trim();
  for (let i = 0; i < 3; i++) s = s.replace(NUMBERING, '').trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(TRAILING_PARENS, '').replace(TRAILING_DATE, '').replace(/[\s:：.*_~—–-]+$/u, '').trim();
    if (s === before) break;
  }
  return s;
}

/**
 * The template's headings and title as the patterns below classify them (a unit test
 * holds them to it), looked up before any pattern runs: V8 compiles each pattern on
 * its first use, ~20 ms in all, which every parse of a file with the template's
 * headings (most files: a hook, a SessionStart, a reader) paid for nothing.
 */
export const TEMPLATE_HEADINGS: ReadonlyMap<string, SectionKind> = new Map<string, SectionKind>([
  ...TEMPLATE_SECTIONS.map((s): [string, SectionKind] => [s.heading, s.kind]),
  ['Dead Ends', 'deadEnds'],
  ['Session', 'unknown'],
]);

/** Classifies a heading's plain text into a section family; `unknown` when none matches. */
export function classifyHeading(plain: string): SectionKind {
  const known = TEMPLATE_HEADINGS.get(plain);
  if (known !== undefined) return known;
  const s = normalizeHeading(plain);
  for (const [kind, pattern] of FAMILIES) if (pattern.test(s)) return kind;
  const first = s.split(JOINED)[0]!;
  if (first !== s) for (const [kind, pattern] of FAMILIES) if (pattern.test(first)) return kind;
  return 'unknown';
}

/** Position of a kind in the template order (unknown sorts last). */
export function templateIndex(kind: SectionKind): number {
  const i = TEMPLATE_SECTIONS.findIndex((s) => s.kind === kind);
  return i === -1 ? TEMPLATE_SECTIONS.length : i;
}
