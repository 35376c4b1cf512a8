/**
 * The commit a page address's fragment (`location.hash`, `#<hash>`) asks for; '' for
 * none. A fragment that is not valid percent-encoding (`#%E0%A4%A`, typed or cut short)
 * asks for nothing: the page opens as without one.
 */
export function fragmentCommit(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}
