import type { Finding } from '../core/redact/index.js';

/** What redaction found and the text with each finding replaced. */
export interface Redaction {
  text: string;
  findings: Finding[];
}

/**
 * Redacts secret-looking spans. The scanner is imported on first use: a commit that
 * records nothing new never loads it.
 */
export async function redactText(text: string): Promise<Redaction> {
  const { redactSecrets } = await import('../core/redact/index.js');
  return redactSecrets(text);
}
