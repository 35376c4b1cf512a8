const RULE_PREFIX = /^@secretlint\/secretlint-rule-/;

// Names a reader recognises, by secretlint rule (and message where one rule finds several things).
const KINDS: Record<string, string> = {
  'aws:AWSAccessKeyID': 'aws-access-key',
  'aws:AWSSecretAccessKey': 'aws-secret-key',
  'aws:AWSAccountID': 'aws-account-id',
  github: 'github-token',
  slack: 'slack-token',
  'slack:IncomingWebhook': 'slack-webhook',
  npm: 'npm-token',
  openai: 'openai-key',
  anthropic: 'anthropic-key',
  privatekey: 'private-key',
  basicauth: 'basic-auth',
  'database-connection-string': 'connection-string',
  gcp: 'gcp-key',
  sendgrid: 'sendgrid-key',
  shopify: 'shopify-token',
  linear: 'linear-key',
  '1password': 'onepassword-token',
};

/** A placeholder-safe slug ([a-z0-9-]) for a secretlint rule id and message id. */
export function kindOf(ruleId: string, messageId: string): string {
  const rule = ruleId.replace(RULE_PREFIX, '');
  const known = KINDS[`${rule}:${messageId}`] ?? KINDS[rule];
  if (known) return known;
  const slug = rule
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'secret' : slug;
}
