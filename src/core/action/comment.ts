import { findBlocks } from './block.js';

/** A pull request comment as GitHub lists it: only what telling ours apart needs. */
export interface ListedComment {
  id: number;
  body?: string | null;
  user?: { login: string } | null;
}

/**
 * The first comment that is ours: written by `self` (the token's user) and holding a
 * whole review block, judged as in a description (the start marker alone on its line,
 * outside closed code fences). A person's comment that quotes the marker, or another
 * bot's, is never edited.
 */
export function ourComment(comments: readonly ListedComment[], self: string): { id: number; body: string } | undefined {
  const me = self.toLowerCase();
  const found = comments.find((c) => c.user?.login.toLowerCase() === me && findBlocks(c.body ?? '').blocks.length > 0);
  return found ? { id: found.id, body: found.body ?? '' } : undefined;
}
