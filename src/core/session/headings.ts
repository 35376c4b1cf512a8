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

// Spellings seen in hand-kept session files, after `normalizeHeading`.
const FAMILIES: readonly [SectionKind, RegExp][] = [
  [
    'private',
    /^(private|private notes|personal notes|private \/ local notes)$/,
  ],
  [
    'goal',
    /^(what we're building|what we are building|(the |current |session |project |main )?(goals?|objectives?|task|mission|purpose)|current focus|project purpose|objetivos?|objectifs?|ziele?|프로젝트 목적|目標|目标)$/,
  ],
  [
    'decisions',
    /^((key |technical |tech |design |architecture |architectural |schema design |important |main |active )?decisions?( made| log| taken| and considerations)?|what was decided|evolution of project decisions|decisiones( de diseño| tomadas)?|décisions( techniques)?( notables)?|decisioni( \/ convenzioni adottate)?|decisões|entscheidungen|designbeslut|beslut|(seçilmiş )?(tasarım )?kararları|(アクティブな)?決定事項|决策|결정사항|핵심 기술 결정)$/,
  ],
  [
    'deadEnds',
    /^(dead ends?( hit)?|don't revisit|failed (approaches|attempts|experiments)|tried and rejected|what we tried|what didn't work|what did not work|rejected (approaches|ideas|options|alternatives)|ruled out|approaches tried|attempts log|descartado|sackgassen)$/,
  ],
  [
    'nextSteps',
    /^((potential |immediate |suggested )?next( concrete| single)? (steps?|actions?|tasks?)( for (the )?(new|next) session)?|next|next up|next session( backlog)?|todo|to do|to-do|todos|still to do|what's left( to (build|do))?|remaining( work| tasks)?|pending|open tasks|todo \/ in sospeso|pendientes?( para la próxima sesión| abiertos)?|(siguientes?|próximos?) pasos?|prochaines étapes|nächste schritte|nästa steg|다음 할 일|다음 작업|次にやること|次のステップ|下一步)$/,
  ],
  [
    'status',
    /^((current |project |session |overall )?(status|state|progress)|where we are|where the project stands|current working state|task progress|当前状态|현재 상태|現在の状態|статус|estado( actual)?|stato( attuale)?|statut|état actuel|aktueller stand|proje durumu)$/,
  ],
  [
    'keyFiles',
    /^((key|important|relevant|main|core) files?( paths?)?|files( touched| changed| modified| created)?|files created\/modified|files modified\/created( this session)?|files to check first|file map|key paths|filkarta|fichiers clés|archivos clave|file chiave( toccati questa sessione)?|wichtige dateien|文件清单)$/,
  ],
  [
    'gotchas',
    /^(gotchas?|known (issues|problems|failures|bugs)( & quirks| and quirks)?|(common )?pitfalls( for next developer)?|known limitations|lessons( learned)?|key learnings|learnings|caveats|things to avoid|알려진 이슈|주의사항)$/,
  ],
];

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

/** Classifies a heading's plain text into a section family; `unknown` when none matches. */
export function classifyHeading(plain: string): SectionKind {
  const s = normalizeHeading(plain);
  for (const [kind, pattern] of FAMILIES) if (pattern.test(s)) return kind;
  return 'unknown';
}

/** Position of a kind in the template order (unknown sorts last). */
export function templateIndex(kind: SectionKind): number {
  const i = TEMPLATE_SECTIONS.findIndex((s) => s.kind === kind);
  return i === -1 ? TEMPLATE_SECTIONS.length : i;
}
