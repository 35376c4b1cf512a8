/**
 * The one git call that finds a repository's layout (see repo.ts): its own module so
 * that the binary's entry can start it before the bundle loads (see early-git.ts)
 * without loading what finding the repository then does with the answer.
 */
export const REPO_QUERY: readonly string[] = [
  'rev-parse',
  '--path-format=absolute',
  '--is-bare-repository',
  '--is-inside-work-tree',
  '--show-toplevel',
  '--git-dir',
  '--git-common-dir',
  '--git-path',
  'hooks',
  '--git-path',
  'shallow',
];
