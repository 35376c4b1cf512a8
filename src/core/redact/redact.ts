import type { SecretLintSourceOptions } from '@secretlint/core';
import { sanitiseApart, sanitiseText, type SanitiseOptions } from '../text/sanitise.js';
import { EXTRA_RULES, findExtra } from './extra-rules.js';
import { applyFindings, mergeFindings, type Finding } from './finding.js';
import { kindOf } from './kinds.js';
import { mayHoldPresetSecret, PRESET_ANCHORS } from './preset-anchors.js';

type Lint = (text: string) => Promise<Finding[]>;
let loaded: Promise<Lint> | undefined;

// secretlint and its preset are about a megabyte of code: load them on first use only,
// so commands and hooks that never redact do not pay for them.
function loadLinter(): Promise<Lint> {
  loaded ??= (async () => {
    const [{ lintSource }, { creator }] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
    ]);
    const config: SecretLintSourceOptions['options']['config'] = {
      rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }],
    };
    return async (text: string) => {
      // A made-up path: nothing is read from disk (noPhysicFilePath), the name only picks rules by type.
      const result = await lintSource({
        source: { content: text, filePath: 'SESSION.md', ext: '.md', contentType: 'text' },
        options: { config, noPhysicFilePath: true },
      });
      return result.messages.map((m) => ({ kind: kindOf(m.ruleId, m.messageId), start: m.range[0], end: m.range[1] }));
    };
  })();
  return loaded;
}

async function findSecrets(text: string): Promise<Finding[]> {
  // Most texts hold nothing any rule looks for: one test of every anchor says so.
  if (!mayHoldSecret(text)) return [];
  // Nor anything a preset rule looks for: secretlint is not even loaded for them.
  const lint = mayHoldPresetSecret(text) ? await loadLinter() : undefined;
  // An account id identifies, it does not authenticate: leave it readable. The preset's AWS secret
  // span is misplaced (it starts at the key name and stops inside the secret); an extra rule replaces it.
  const found = lint ? (await lint(text)).filter((f) => f.kind !== 'aws-account-id' && f.kind !== 'aws-secret-key') : [];
  return mergeFindings([...found, ...findExtra(text)]);
}

/** Replaces every secret-looking span with `[REDACTED:<kind>]`. */
export async function redactSecrets(text: string): Promise<{ text: string; findings: Finding[] }> {
  if (text === '') return { text, findings: [] };
  const findings = await findSecrets(text);
  return { text: applyFindings(text, findings), findings };
}

/**
 * `text` as an output shows it: cleaned of terminal control (see sanitiseText), every
 * secret redacted that any of three readings shows. Cleaned, as the output is, since
 * cleaning can join a token split by a control character (`ghp_…\x1b[31m…`). As written,
 * and with a space for each thing cleaning takes out (see sanitiseApart), since cleaning
 * can also join a token to the letters beside it (`ghp_…\u202ex`,
 * `\x1b[31mghp_…\x1b[0mabc`), and the token then has no end the rules see. What those
 * two readings find is redacted wherever the cleaned text holds it. Every output that
 * quotes text from outside cleans and redacts through this.
 */
export async function redactShown(text: string, options: SanitiseOptions = { multiline: true }): Promise<string> {
  const clean = sanitiseText(text, options);
  const found = [...(await findSecrets(clean))];
  if (clean !== text) {
    for (const reading of new Set([text, sanitiseApart(text, options)])) {
      for (const f of await findSecrets(reading)) {
        const secret = sanitiseText(reading.slice(f.start, f.end), options).trim();
        if (secret === '') continue;
        for (let at = clean.indexOf(secret); at !== -1; at = clean.indexOf(secret, at + secret.length)) {
          found.push({ kind: f.kind, start: at, end: at + secret.length });
        }
      }
    }
  }
  return applyFindings(clean, mergeFindings(found));
}

/** Whether `text` holds anything {@link redactSecrets} would replace. */
export async function containsSecret(text: string): Promise<boolean> {
  return text !== '' && (await findSecrets(text)).length > 0;
}

// Every literal a finding of any rule holds, in two patterns: those whose case matters
// in one (V8 runs a pattern that ignores case several times slower), the rest in the other.
let anchors: { exact: RegExp; folded: RegExp } | undefined;

function anchorPatterns(): { exact: RegExp; folded: RegExp } {
  const all = [...Object.values(PRESET_ANCHORS), ...EXTRA_RULES.map((r) => r.anchor)].filter((a): a is RegExp => a !== null);
  const join = (list: RegExp[], flags: string) => new RegExp(list.map((a) => `(?:${a.source})`).join('|') || '(?!)', flags);
  return { exact: join(all.filter((a) => !a.ignoreCase), ''), folded: join(all.filter((a) => a.ignoreCase), 'i') };
}

/**
 * Whether {@link redactSecrets} could find anything in `text`; false means it cannot.
 * Synchronous, two patterns: for the many short texts of a long history (subjects,
 * names, paths), most of which hold nothing any rule looks for.
 */
export function mayHoldSecret(text: string): boolean {
  anchors ??= anchorPatterns();
  return anchors.exact.test(text) || anchors.folded.test(text);
}
