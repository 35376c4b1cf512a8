import { ITEM, rowAt, type Rows } from './rows.js';

// Rows drawn above and below the visible ones, so a fast scroll shows no blank band.
const OVERSCAN = 8;

/**
 * A list that draws only the rows in view: 100,000 entries cost as much to show as
 * thirty. Rows are positioned from computed offsets; selection moves by item (the
 * headings and gaps between are skipped) and the list keeps the selected row in view.
 */
export class VirtualList {
  private rows: Rows | undefined;
  private selected = -1;
  private frame = 0;

  constructor(
    private readonly box: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly draw: (kind: number, ref: number) => HTMLElement,
    private readonly onSelect: (item: number) => void,
  ) {
    box.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    box.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
      if (row) this.select(Number(row.dataset.item));
    });
    box.addEventListener('keydown', (event) => this.key(event));
  }

  /** Shows new rows (after a filter), keeping the selection when it is still there. */
  setRows(rows: Rows): void {
    this.rows = rows;
    this.canvas.style.height = `${rows.offsets[rows.count]}px`;
    if (this.selected >= 0 && rows.rowOf[this.selected]! < 0) this.box.removeAttribute('aria-activedescendant');
    this.box.scrollTop = 0;
    if (this.selected >= 0 && rows.rowOf[this.selected]! >= 0) this.reveal(rows.rowOf[this.selected]!);
    this.paint();
  }

  /** Selects an item: it is drawn as selected, brought into view, and handed to `onSelect`. */
  select(item: number): void {
    const rows = this.rows;
    if (!rows || rows.rowOf[item] === undefined || rows.rowOf[item]! < 0) return;
    this.selected = item;
    this.reveal(rows.rowOf[item]!);
    this.paint();
    this.box.setAttribute('aria-activedescendant', `item-${item}`);
    this.onSelect(item);
  }

  /** The first item shown, or -1. */
  first(): number {
    return this.step(-1, 1);
  }

  private step(from: number, by: number): number {
    const rows = this.rows;
    if (!rows) return -1;
    let r = from;
    let moved = 0;
    let last = -1;
    while (moved < Math.abs(by)) {
      r += Math.sign(by);
      if (r < 0 || r >= rows.count) break;
      if (rows.kind[r] === ITEM) {
        last = rows.ref[r]!;
        moved++;
      }
    }
    return last;
  }

  private key(event: KeyboardEvent): void {
    const rows = this.rows;
    if (!rows || rows.count === 0) return;
    const current = this.selected >= 0 ? rows.rowOf[this.selected]! : -1;
    const by: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    const move = by[event.key];
    if (move === undefined) return;
    event.preventDefault();
    let next: number;
    if (move === -Infinity) next = this.step(-1, 1);
    else if (move === Infinity) next = this.step(rows.count, -1);
    else if (current < 0) next = this.step(-1, 1);
    else next = this.step(current, move);
    // Past either end: the furthest item that way.
    if (next < 0 && current >= 0) next = move > 0 ? this.step(rows.count, -1) : this.step(-1, 1);
    if (next >= 0) this.select(next);
  }

  private reveal(row: number): void {
    const rows = this.rows!;
    const top = rows.offsets[row]!;
    const bottom = rows.offsets[row + 1]!;
    // Show the heading above the first item of a group too.
    const want = row > 0 && rows.kind[row - 1] !== ITEM ? rows.offsets[Math.max(0, row - 2)]! : top;
    if (want < this.box.scrollTop) this.box.scrollTop = want;
    else if (bottom > this.box.scrollTop + this.box.clientHeight) this.box.scrollTop = bottom - this.box.clientHeight;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Draws the rows in view. */
  paint(): void {
    const rows = this.rows;
    if (!rows) return;
    const top = this.box.scrollTop;
    const height = this.box.clientHeight || 600;
    const from = Math.max(0, rowAt(rows, top) - OVERSCAN);
    const to = Math.min(rows.count, rowAt(rows, top + height) + OVERSCAN + 1);
    const nodes: HTMLElement[] = [];
    for (let r = from; r < to; r++) {
      const node = this.draw(rows.kind[r]!, rows.ref[r]!);
      // Headings and gaps are read as the text between options, not as options.
      if (rows.kind[r] !== ITEM) node.setAttribute('role', 'presentation');
      node.style.transform = `translateY(${rows.offsets[r]}px)`;
      if (rows.kind[r] === ITEM && rows.ref[r] === this.selected) {
        node.classList.add('selected');
        node.setAttribute('aria-selected', 'true');
      }
      nodes.push(node);
    }
    this.canvas.replaceChildren(...nodes);
  }
}
