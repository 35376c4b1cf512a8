import { sanitisedJson } from '../text/sanitise.js';
import type { TimelineData } from './data.js';

/** Where the data goes in the page template, inside `<script type="application/json">`. */
export const DATA_SLOT = '{{data}}';

const UNSAFE = /[<\u2028\u2029]/g;

/**
 * JSON that can sit inside a `<script>` element, its text safe to show: every string
 * is sanitised as the CLI sanitises what reaches a terminal (escape sequences, control
 * characters and bidirectional overrides removed, so no text reorders what is read
 * around it); `<` is written `\u003c`, so no text from the repository can close the
 * element (`</script>`) or open a comment (`<!--`); line separators are escaped too.
 * The one place the page's data is cleaned: every field, present or added later.
 */
export function scriptSafeJson(value: unknown): string {
  return sanitisedJson(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page: the built template with the data in its one slot. */
export function renderTimelineHtml(template: string, data: TimelineData): string {
  const parts = template.split(DATA_SLOT);
  if (parts.length !== 2) throw new Error(`the timeline template must hold ${DATA_SLOT} exactly once (found ${parts.length - 1})`);
  return parts[0] + scriptSafeJson(data) + parts[1];
}
