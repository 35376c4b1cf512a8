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

/**
 * Whether a message, after the editor, says nothing of its own: no line but blank and
 * comment lines, `Signed-off-by:` lines (git's own rule) and the trailers git-session
 * wove in (`woven`, each possibly folded over several lines). git aborts a commit whose
 * message is empty (or, from a `commit.template`, unchanged); the woven trailers must
 * not turn "quit without writing" into a commit.
 */
export function saysNothing(message: string, woven: readonly string[], commentChar = '#', template?: string): boolean {
  const own = (text: string, trailers: readonly string[]) => {
    let rest = text.replace(/\r\n/g, '\n');
    const scissors = rest.split('\n').findIndex((l) => l.startsWith(commentChar) && /^. -+ >8 -+/.test(l));
    if (scissors !== -1) rest = rest.split('\n').slice(0, scissors).join('\n');
    for (const trailer of trailers) rest = rest.split(trailer).join('\n');
    return rest.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(commentChar) && !line.startsWith('Signed-off-by: '));
  };
  const said = own(message, woven);
  // A `commit.template` left as it was says nothing either: git aborts on it too.
  if (template !== undefined) return said.join('\n') === own(template, []).join('\n');
  return said.length === 0;
}
