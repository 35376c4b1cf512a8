/**
 * The rules of secretlint's recommended preset this scan depends on, each with a literal
 * every match of that rule contains. Loading and running secretlint costs tens of
 * milliseconds on a commit; a text holding none of these anchors cannot produce a
 * finding, so it is never handed to secretlint.
 *
 * Each anchor is a superset of its rule's patterns for a `.md` file, read from the
 * preset's source: when the preset changes, the rule list below must be checked again
 * (a test compares it with the preset's own list).
 */
export const PRESET_ANCHORS: Readonly<Record<string, RegExp | null>> = Object.freeze({
  // Reports only secret access keys here (account and key id scans are off), and those
  // findings are replaced by an extra rule's: nothing of this rule is kept.
  '@secretlint/secretlint-rule-aws': null,
  // Scans .json and .p12 files only.
  '@secretlint/secretlint-rule-gcp': null,
  '@secretlint/secretlint-rule-privatekey': /-----BEGIN/,
  // On a file that is neither package.json nor .npmrc only the npm_ token pattern runs.
  '@secretlint/secretlint-rule-npm': /npm_/,
  '@secretlint/secretlint-rule-basicauth': /:\/\/[-\w]+:[-\w]+@/,
  '@secretlint/secretlint-rule-slack': /xox[bparo]-|xapp-|hooks\.slack\.com/i,
  '@secretlint/secretlint-rule-sendgrid': /SG\.\w/,
  '@secretlint/secretlint-rule-shopify': /shp(?:pa|ca|at|ss)_/,
  '@secretlint/secretlint-rule-github': /gh[pousr]_|github_pat_/,
  // Every OpenAI key pattern of the preset holds this marker in its middle.
  '@secretlint/secretlint-rule-openai': /T3BlbkFJ/,
  '@secretlint/secretlint-rule-anthropic': /sk-ant-api0/,
  '@secretlint/secretlint-rule-linear': /lin_api_/,
  '@secretlint/secretlint-rule-1password': /ops_ey/,
  '@secretlint/secretlint-rule-database-connection-string': /(?:mongodb(?:\+srv)?|mysqlx?|postgres(?:ql)?):\/\//i,
  // Only silences findings of the other rules.
  '@secretlint/secretlint-rule-filter-comments': null,
});

const ANCHORS: readonly RegExp[] = Object.values(PRESET_ANCHORS).filter((a): a is RegExp => a !== null);

/** Whether secretlint's recommended preset could report anything in `text`; false means it cannot. */
export function mayHoldPresetSecret(text: string): boolean {
  return ANCHORS.some((anchor) => anchor.test(text));
}
