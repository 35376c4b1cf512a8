import type { Annotation } from './annotations.js';

/** Counts the action reports as outputs. */
export interface Counts {
  decisions: number;
  deadEnds: number;
  annotations: number;
}

function where(a: Annotation): string {
  return a.start === a.end ? `${a.path}:${a.start}` : `${a.path}:${a.start}-${a.end}`;
}

/**
 * The job summary: the review, then the changed lines that carry decisions, with how
 * many were left out of the notices by the cap.
 */
export function renderSummary(review: string, annotations: readonly Annotation[], shown: number): string {
  const parts = [review.replace(/\s+$/, '')];
  if (annotations.length > 0) {
    const lines = annotations.map((a) => `- \`${where(a)}\`: ${a.title}`);
    const cut = annotations.length - shown;
    if (cut > 0) lines.push('', `${cut} of these ${cut === 1 ? 'is' : 'are'} not shown as notices (max-annotations is ${shown}).`);
    parts.push(`## Changed lines with decisions\n\n${lines.join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
