import { formatDuration } from '../core/journal/entry.js';
import { I, NO_SESSION, UNREADABLE_SESSION, type TimelineData } from '../core/timeline/data.js';
import { add, el } from './dom.js';
import { lineDiff } from './line-diff.js';
import { renderMarkdown } from './markdown.js';

const STATUS_TEXT = { active: 'active', reverted: 'reverted', superseded: 'superseded', withdrawn: 'withdrawn' } as const;

/** The heading of a row that is not a commit, by kind. */
const HEADINGS: Record<number, string> = {
  1: 'Checkpoint',
  // Its own commit is not shown: squashed into this one, put back by this revert, or outside the range.
  2: 'Journal entry of another commit',
  3: 'Session closed',
};

function section(title: string, ...children: (Node | null | false)[]): HTMLElement {
  return add(el('section', 'field'), el('h3', undefined, title), ...children);
}

function reasonedItem(text: string, reason: string | null): HTMLLIElement {
  return add(el('li'), el('span', 'what', text), reason === null ? null : el('span', 'why', ` — ${reason}`));
}

/** The session file at the item's commit, what the commit changed in it highlighted. */
function sessionView(data: TimelineData, index: number): HTMLElement {
  const item = data.items[index]!;
  const at = item[I.session];
  const before = item[I.before];
  const short = item[I.commit].slice(0, 7);
  const box = add(el('section', 'session'), el('h3', undefined, `${data.sessionFile} at ${short}`));
  if (at === NO_SESSION) return add(box, el('p', 'note', `There is no ${data.sessionFile} at this commit.`));
  if (at === UNREADABLE_SESSION) {
    return add(box, el('p', 'note', `${data.sessionFile} at this commit could not be read (binary, over 1 MB, not UTF-8, committed with conflict markers, or front matter that does not parse), so it is not shown.`));
  }
  const after = data.versions[at]!;
  const previous = before >= 0 ? data.versions[before]! : [];
  const changed = item[I.kind] === 0 && at !== before;
  const diff = changed ? lineDiff(previous, after) : { added: new Uint8Array(after.length), removed: new Map<number, number[]>() };
  const removed = new Map([...diff.removed].map(([pos, ids]) => [pos, ids.map((id) => data.lines[id]!)]));
  add(
    box,
    el(
      'p',
      'note',
      item[I.kind] !== 0
        ? 'As committed with this entry.'
        : changed
          ? before === NO_SESSION
            ? 'This commit added the file.'
            : 'Highlighted: what this commit changed. Struck out: what it removed.'
          : 'This commit did not change it.',
    ),
  );
  const article = el('article', 'md');
  article.appendChild(renderMarkdown(after.map((id) => data.lines[id]!), { added: diff.added, removed }));
  return add(box, article);
}

/** The detail of one item: what it recorded, the files it changed, and the session file at its commit. */
export function renderDetail(data: TimelineData, index: number): DocumentFragment {
  const item = data.items[index]!;
  const group = data.groups[item[I.group]]!;
  const out = document.createDocumentFragment();
  const checkpoint = item[I.kind] !== 0;
  add(
    out,
    el('h2', undefined, HEADINGS[item[I.kind]] ?? (item[I.subject] || '(no subject)')),
    add(
      el('p', 'meta'),
      el('code', 'hash', item[I.commit]),
      ` · ${group[0]} ${item[I.clock]} · `,
      el('span', 'branch', data.branches[group[1]]!),
      ' · ',
      el('span', 'author', data.authors[group[2]]!),
      checkpoint ? ' · carried by this commit' : null,
    ),
  );
  if (item[I.goal]) out.appendChild(section('Goal', el('p', undefined, item[I.goal])));
  const decisions = item[I.decisions];
  if (decisions.length > 0) {
    const list = el('ul', 'decisions');
    for (const [text, reason, status, by] of decisions) {
      const li = reasonedItem(text, reason);
      li.classList.add(status);
      li.prepend(el('span', `badge ${status}`, by === undefined ? STATUS_TEXT[status] : `${STATUS_TEXT[status]} by ${by}`), ' ');
      list.appendChild(li);
    }
    out.appendChild(section('Decisions', list));
  }
  const deadEnds = item[I.deadEnds];
  if (deadEnds.length > 0) out.appendChild(section('Dead ends', add(el('ul', 'dead-ends'), ...deadEnds.map(([t, r]) => reasonedItem(t, r)))));
  if (item[I.status]) out.appendChild(section('Status', el('p', undefined, item[I.status])));
  if (item[I.since]) out.appendChild(el('p', 'note', `Since the previous journal entry: ${item[I.since]}`));
  const files = item[I.files];
  if (files.length > 0) {
    const list = el('ul', 'files');
    for (let f = 0; f < files.length; f += 3) {
      const added = files[f + 1]!;
      list.appendChild(
        add(el('li'), el('code', undefined, data.paths[files[f]!]!), ' ', el('span', 'counts', added < 0 ? 'binary' : `+${added} −${files[f + 2]}`)),
      );
    }
    out.appendChild(section(checkpoint ? 'Files of the entry' : 'Files changed', list));
  }
  out.appendChild(sessionView(data, index));
  return out;
}

/** Minutes as the journal writes durations. */
export function minutesText(minutes: number): string {
  return formatDuration(minutes * 60_000);
}
