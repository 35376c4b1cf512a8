// The timeline page's script, bundled by scripts/build.mjs into the page itself. It
// reads the data embedded in the page, and never fetches anything.
import { I, TIMELINE_DATA_VERSION, type TimelineData } from '../core/timeline/data.js';
import { renderDetail, minutesText } from './detail.js';
import { add, el } from './dom.js';
import { filterItems, searchIndex, type Query } from './filter.js';
import { fragmentCommit } from './fragment.js';
import { VirtualList } from './list.js';
import { DAY, GAP, GROUP, layoutRows } from './rows.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function load(): TimelineData {
  const data = JSON.parse($('timeline-data').textContent ?? 'null') as TimelineData;
  if (!data || data.version !== TIMELINE_DATA_VERSION) throw new Error('this page holds timeline data of another version');
  return data;
}

/** What a row that is not a commit is called, by kind. */
const CARRIED = ['', 'Checkpoint', 'Journal entry', 'Session closed'] as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function start(): void {
  const data = load();
  // Built on the first text search: opening the page does not pay for it.
  let index: string[] | undefined;
  document.title = `Timeline · ${data.repo}`;
  $('title').textContent = `${data.repo}: session timeline`;
  const commits = new Set(data.items.map((i) => i[I.commit])).size;
  const checkpoints = data.items.filter((i) => i[I.kind] === 1).length;
  const carried = data.items.filter((i) => i[I.kind] === 2).length;
  const closes = data.items.filter((i) => i[I.kind] === 3).length;
  const cut = data.shallow.map((c) => c.slice(0, 7)).join(', ');
  $('meta').textContent = [
    data.range,
    plural(commits, 'commit'),
    checkpoints > 0 && plural(checkpoints, 'checkpoint'),
    carried > 0 && `${plural(carried, 'entry', 'entries')} carried by other commits`,
    closes > 0 && plural(closes, 'session closed', 'sessions closed'),
    // What the commit where a shallow clone stops seems to add (entries, decisions) may be older.
    cut !== '' && `a shallow clone: the history stops at ${cut}`,
  ]
    .filter(Boolean)
    .join(' · ');

  // Totals per group and per day, over everything (a filter narrows the list, not the totals).
  const groupCount = new Uint32Array(data.groups.length);
  for (const item of data.items) groupCount[item[I.group]]!++;
  const dayMinutes = new Map<string, number>();
  const dayCount = new Map<string, number>();
  data.groups.forEach((g, gi) => {
    dayMinutes.set(g[0], (dayMinutes.get(g[0]) ?? 0) + g[3]);
    dayCount.set(g[0], (dayCount.get(g[0]) ?? 0) + groupCount[gi]!);
  });

  const fill = (select: HTMLSelectElement, names: string[]) => {
    names.forEach((name, i) => {
      const option = el('option', undefined, name);
      option.value = String(i);
      select.appendChild(option);
    });
  };
  fill($('author'), data.authors);
  fill($('branch'), data.branches);

  const draw = (kind: number, ref: number): HTMLElement => {
    if (kind === DAY) {
      const day = data.groups[ref]![0];
      const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
      const minutes = dayMinutes.get(day) ?? 0;
      return add(el('div', 'row day'), el('span', 'date', `${weekday} ${day}`), el('span', 'sum', `${plural(dayCount.get(day) ?? 0, 'entry', 'entries')}${minutes > 0 ? ` · ${minutesText(minutes)} recorded` : ''}`));
    }
    if (kind === GROUP) {
      const g = data.groups[ref]!;
      return add(
        el('div', 'row group'),
        el('span', 'branch', data.branches[g[1]]!),
        el('span', 'author', data.authors[g[2]]!),
        el('span', 'sum', `${plural(groupCount[ref]!, 'entry', 'entries')}${g[3] > 0 ? ` · ${minutesText(g[3])}` : ''}`),
      );
    }
    if (kind === GAP) {
      const days = ref / 1440;
      return el('div', 'row gap', `${Number.isInteger(days) ? plural(days, 'day') : minutesText(ref)} without entries`);
    }
    const item = data.items[ref]!;
    const row = el('div', item[I.kind] === 0 ? 'row item' : 'row item carried');
    row.id = `item-${ref}`;
    row.dataset.item = String(ref);
    row.setAttribute('role', 'option');
    row.setAttribute('aria-selected', 'false');
    const decisions = item[I.decisions];
    const deadEnds = item[I.deadEnds];
    const title = item[I.kind] === 0 ? item[I.subject] : `${CARRIED[item[I.kind]]}${item[I.status] ? `: ${item[I.status]}` : ''}`;
    const line2 = el('div', 'line2');
    if (decisions.length > 0) add(line2, el('span', `tag decision ${decisions[0]![2]}`, `Decision${decisions[0]![2] === 'active' ? '' : `, ${decisions[0]![2]}`}${decisions.length > 1 ? ` (${decisions.length})` : ''}`), ` ${decisions[0]![0]} `);
    if (deadEnds.length > 0) add(line2, el('span', 'tag dead-end', `Dead end${deadEnds.length > 1 ? ` (${deadEnds.length})` : ''}`), ` ${deadEnds[0]![0]}`);
    if (decisions.length === 0 && deadEnds.length === 0) line2.textContent = item[I.status] || item[I.goal] || '';
    return add(row, add(el('div', 'line1'), el('time', undefined, item[I.clock]), ' ', el('code', undefined, item[I.commit].slice(0, 7)), ' ', el('span', 'subject', title)), line2);
  };

  const detail = $('detail');
  const list = new VirtualList($('list'), $('canvas'), draw, (item) => {
    detail.replaceChildren(renderDetail(data, item));
    detail.scrollTop = 0;
    try {
      history.replaceState(null, '', `#${data.items[item]![I.commit]}`);
    } catch {
      // A page opened from some viewers has no history to write to; the selection still shows.
    }
  });

  const query = (): Query => ({
    text: $<HTMLInputElement>('q').value,
    author: $<HTMLSelectElement>('author').value === '' ? -1 : Number($<HTMLSelectElement>('author').value),
    branch: $<HTMLSelectElement>('branch').value === '' ? -1 : Number($<HTMLSelectElement>('branch').value),
    path: $<HTMLInputElement>('path').value,
    decisionsOnly: $<HTMLInputElement>('decisions').checked,
  });
  const apply = () => {
    const q = query();
    const shown = filterItems(data, q.text.trim() === '' ? [] : (index ??= searchIndex(data)), q);
    list.setRows(layoutRows(data, shown));
    const distinct = shown.length;
    $('count').textContent = distinct === data.items.length ? `${plural(distinct, 'entry', 'entries')}` : `${distinct} of ${plural(data.items.length, 'entry', 'entries')}`;
    if (distinct === 0) {
      const why = data.items.length === 0 ? `There are no commits in ${data.range}.` : 'Nothing matches. Clear the search or a filter.';
      $('canvas').replaceChildren(el('p', 'empty', why));
    }
  };
  for (const id of ['q', 'path']) $(id).addEventListener('input', apply);
  for (const id of ['author', 'branch', 'decisions']) $(id).addEventListener('change', apply);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    const typing = target.matches('input, select, textarea');
    if (event.key === '/' && !typing) {
      event.preventDefault();
      $('q').focus();
    } else if (event.key === 'Escape' && (target.id === 'q' || target.id === 'path' || !typing)) {
      // In a filter's box, Escape empties that box; anywhere else (the list), the search.
      const box = $<HTMLInputElement>(target.id === 'path' ? 'path' : 'q');
      if (box.value !== '') {
        box.value = '';
        apply();
      }
      $('list').focus();
    }
  });
  apply();

  const wanted = fragmentCommit(location.hash);
  const first = wanted === '' ? -1 : data.items.findIndex((i) => i[I.commit] === wanted);
  const pick = first >= 0 ? first : list.first();
  if (pick >= 0) list.select(pick);
}

try {
  start();
} catch (error) {
  $('detail').replaceChildren(el('p', 'note', `The timeline could not be shown: ${(error as Error).message}`));
}
