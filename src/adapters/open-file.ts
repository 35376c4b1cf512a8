import { childProcess } from './builtins.js';

/**
 * Opens a file with the desktop's default application, without waiting for it.
 * Resolves to an error message when no opener could be started.
 */
export function openFile(path: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [path]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', path]]
        : ['xdg-open', [path]];
  return new Promise((resolve) => {
    try {
      const child = childProcess().spawn(command, args as string[], { env, stdio: 'ignore', detached: true });
      child.on('error', (error) => resolve(`could not start ${command}: ${error.message}`));
      child.on('spawn', () => {
        child.unref();
        resolve(undefined);
      });
    } catch (error) {
      resolve(`could not start ${command}: ${(error as Error).message}`);
    }
  });
}
