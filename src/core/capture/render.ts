import type { CaptureDraft } from './types.js';

/** The draft as markdown for a person to read: what capture would put into SESSION.md. */
export function renderDraft(d: CaptureDraft): string {
  const out = [`# Draft from ${d.transcripts.length} transcript(s): ${d.transcripts.join(', ') || '(none)'}`, ''];
  const when = d.startedAt && d.endedAt ? `${d.startedAt} to ${d.endedAt} (${d.duration ?? '?'})` : 'unknown';
  out.push(`- Session: ${when}${d.branch ? ` on \`${d.branch}\`` : ''}`);
  out.push(`- Goal candidate: ${d.goal ?? '(no request found)'}`);
  out.push(`- Records read: ${d.records}${d.skipped > 0 ? `, ${d.skipped} skipped (not JSON or not understood)` : ''}`, '');
  out.push('## Key file candidates (files edited)');
  out.push(...(d.keyFiles.length ? d.keyFiles.map((k) => `- \`${k.path}\` (${k.edits} edit${k.edits === 1 ? '' : 's'})`) : ['- (none)']), '');
  out.push('## Dead-end candidates (edits made and undone)');
  out.push(...(d.deadEnds.length ? d.deadEnds.map((u) => `- \`${u.path}\`: ${u.how}`) : ['- (none)']), '');
  out.push('## Commands that failed');
  out.push(...(d.failedCommands.length ? d.failedCommands.map((c) => `- \`${c.command.replace(/`/g, "'")}\`: ${c.error}`) : ['- (none)']), '');
  return out.join('\n');
}
