import type { TimelineData } from './data.js';

/** Where the data goes in the page template, inside `<script type="application/json">`. */
export const DATA_SLOT = '{{data}}';

const UNSAFE = /[<\u007f-\u009f\u2028\u2029]/g;

/**
 * JSON that can sit inside a `<script>` element: `<` is written `\u003c`, so no
 * text from the repository can close the element (`</script>`) or open a comment
 * (`<!--`); C1 controls and line separators are escaped too. JSON.parse reads it
 * back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page: the built template with the data in its one slot. */
export function renderTimelineHtml(template: string, data: TimelineData): string {
  const parts = template.split(DATA_SLOT);
  if (parts.length !== 2) throw new Error(`the timeline template must hold ${DATA_SLOT} exactly once (found ${parts.length - 1})`);
  return parts[0] + scriptSafeJson(data) + parts[1];
}
