/**
 * Entry text as a reader means it: markdown backslash escapes (`\#`, `\*`, which edits
 * add so a typed `#` cannot become a heading) removed. Other markup stays.
 */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
