/**
 * What the GitHub Action puts after the `@` of a mention in a pull request description
 * (a zero-width space), so that GitHub notifies no one the review names. A squash merge
 * built from the description carries it into the commit's trailers.
 */
export const QUIET = '\u200b';

/** A trailer value as its author wrote it: the space the action put after an `@` or a `<` (see quietHtml) taken out. */
export function loudMentions(value: string): string {
  return value.includes(QUIET) ? value.replaceAll(`@${QUIET}`, '@').replaceAll(`<${QUIET}`, '<') : value;
}
