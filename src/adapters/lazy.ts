const loaded: string[] = [];

/**
 * Imports a module a hook needs only sometimes (the markdown parser, the secret
 * scanner), remembering its name: with GIT_SESSION_DEBUG_LOADS=1 the hook reports
 * them, so a test can check that a commit stayed on the fast path.
 */
export function lazy<T>(name: string, load: () => Promise<T>): Promise<T> {
  if (!loaded.includes(name)) loaded.push(name);
  return load();
}

/** The names passed to {@link lazy} so far in this process. */
export function lazyLoads(): readonly string[] {
  return loaded;
}
