/**
 * Whether a commit message file holds anything but blank and comment lines (what git
 * puts in the editor for a plain `git commit`). Everything after a scissors line is ignored.
 */
export function hasMessageContent(message: string, commentChar = '#'): boolean {
  for (const line of message.split(/\r?\n/)) {
    if (line.startsWith(commentChar)) {
      if (/^. -+ >8 -+/.test(line)) return false;
      continue;
    }
    if (line.trim() !== '') return true;
  }
  return false;
}

/**
 * For an editor commit whose message was empty, git's `interpret-trailers` leaves one
 * blank line above the trailers: a person typing the subject there would glue it to the
 * block and turn the trailers into body text. One more blank line keeps them apart.
 */
export function roomForSubject(woven: string): string {
  return woven.startsWith('\n\n') ? woven : '\n' + woven.replace(/^\n?/, '\n');
}
