declare const __CACHE_KEY__: string;

/**
 * What the build names this binary by: the package version and a digest of the
 * sources and the lockfile (scripts/build.mjs). Every cache under the git dir is
 * keyed by it, so what another version, or other redaction rules, made is never
 * reused, and no cache version is ever bumped by hand. Unbuilt code (tests run from
 * source) never shares a cache with a build.
 */
export const BUILD_KEY = typeof __CACHE_KEY__ === 'string' ? __CACHE_KEY__ : 'unbuilt';
