import type { Finding } from './finding.js';

/** A pattern for a secret the recommended secretlint preset does not catch. */
interface ExtraRule {
  kind: string;
  pattern: RegExp;
  /**
   * Text every match of `pattern` holds. A text without it is not scanned with the
   * pattern: V8 compiles each pattern on its first use (~3 ms for all of them, in every
   * process that redacts), and most texts hold nothing any rule looks for.
   */
  anchor: RegExp;
  /** Capture group holding the secret itself; the whole match when absent. */
  group?: number;
  /** Rejects matches that are placeholders or prose rather than secrets. */
  accept?: (secret: string) => boolean;
}

// Assignment keys whose value is a credential. A prefix such as DB_ or the_ is allowed.
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key|token)`;

/** `${VAR}`, `<password>`, `****`, `xxxx`, `changeme`-style values (and our own placeholders) are not secrets. */
function notPlaceholder(value: string): boolean {
  if (/^[$<{%[]/.test(value) || /^(?:\*+|x+|\.+|-+|…+)$/i.test(value)) return false;
  return !/^(?:changeme|password|secret|redacted|none|null|true|false|undefined|example|placeholder)$/i.test(value);
}

/** An unquoted value must look random (a digit, or long) so prose like `secret: none here` stays. */
function looksRandom(value: string): boolean {
  return notPlaceholder(value) && (/\d/.test(value) || value.length >= 16);
}

// What every SECRET_KEY holds, whatever its prefix.
const SECRET_WORD = /passw|pwd|secret|api[_-]?key|token|private[_-]?key/i;

export const EXTRA_RULES: readonly ExtraRule[] = [
  // Gap: the preset's AWS rule reports access key ids only with an option; this catches them always.
  { kind: 'aws-access-key', pattern: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g, anchor: /A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA/ },
  // Gap: the preset's AWS secret rule reports a span shifted onto the key name, leaving part of the
  // secret in place (its findings are dropped in favour of this one).
  {
    kind: 'aws-secret-key',
    anchor: /secret_?access_?key/i,
    pattern: /(?:aws)?_?secret_?access_?key["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
  },
  // Gap: the preset knows GitHub fine-grained tokens of one exact length only.
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g, anchor: /github_pat_/ },
  // Gap: the preset's SendGrid pattern misses keys with more than one - or _ in the secret part.
  { kind: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, anchor: /SG\./ },
  // Gap: GitLab personal, project, deploy and runner tokens have no preset rule.
  { kind: 'gitlab-token', pattern: /\b(?:glpat|gldt|glrt|glptt|glsoat|gloas)-[A-Za-z0-9_-]{20,}/g, anchor: /gl(?:pat|dt|rt|ptt|soat|oas)-/ },
  // Gap: OpenAI project/service-account/admin keys are only caught with an exact length the preset expects.
  { kind: 'openai-key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g, anchor: /sk-(?:proj|svcacct|admin)-/ },
  // Gap: Anthropic keys of other kinds or lengths than the preset's api03 pattern.
  { kind: 'anthropic-key', pattern: /\bsk-ant-[a-z]+\d*-[A-Za-z0-9_-]{20,}/g, anchor: /sk-ant-/ },
  // Gap: Stripe secret, restricted and webhook keys have no preset rule.
  { kind: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b|\bwhsec_[A-Za-z0-9]{20,}\b/g, anchor: /[sr]k_(?:live|test)_|whsec_/ },
  // Gap: the preset needs 100+ characters of key body; a truncated or encrypted key block slips through.
  {
    kind: 'private-key',
    anchor: /-----BEGIN/,
    pattern:
      /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\]*)/g,
  },
  // Gap: Google API keys (Maps, Firebase, Gemini...) have no preset rule: AIza and 35 characters.
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, anchor: /AIza/ },
  // Gap: JSON Web Tokens have no preset rule.
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, anchor: /eyJ/ },
  // Gap: `password=`, `secret: `, `api_key = "..."` assignments have no preset rule. Quoted values.
  {
    kind: 'secret-assignment',
    anchor: SECRET_WORD,
    pattern: new RegExp(String.raw`\b${SECRET_KEY}["']?\s*(?::|=>|=)\s*(["'\`])([^"'\`\n]{4,})\1`, 'gi'),
    group: 2,
    accept: notPlaceholder,
  },
  // ... and unquoted values.
  {
    kind: 'secret-assignment',
    anchor: SECRET_WORD,
    pattern: new RegExp(String.raw`\b${SECRET_KEY}\s*(?::|=>|=)[ \t]*([^\s"'\`,;)\]}]{6,})`, 'gi'),
    group: 1,
    accept: looksRandom,
  },
  // Gap: the preset's connection-string rules miss redis, amqp and others, and an empty user name.
  {
    kind: 'connection-string',
    anchor: /:\/\//,
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@[^\s/]+/gi,
    group: 1,
    accept: notPlaceholder,
  },
];

// The `d` flag gives each group's own indices. Built once, on a rule's first use: a
// commit redacts every entry separately, and most rules are never needed.
const withIndices: RegExp[] = [];

/** Findings of the extra rules in `text`. */
export function findExtra(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const [i, rule] of EXTRA_RULES.entries()) {
    if (!rule.anchor.test(text)) continue;
    // matchAll works on a copy, so the shared pattern's lastIndex never leaks between calls.
    withIndices[i] ??= new RegExp(rule.pattern.source, `${rule.pattern.flags}d`);
    for (const match of text.matchAll(withIndices[i])) {
      const secret = match[rule.group ?? 0];
      const span = match.indices?.[rule.group ?? 0];
      if (secret === undefined || span === undefined) continue;
      if (rule.accept && !rule.accept(secret)) continue;
      findings.push({ kind: rule.kind, start: span[0], end: span[1] });
    }
  }
  return findings;
}
