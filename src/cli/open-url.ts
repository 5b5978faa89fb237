/**
 * `casebook serve --open`: the preview in the person's own browser. Each system has its own
 * way to open a web address in the default browser; none of them needs a shell or quoting.
 */
import { spawn as spawnProcess } from 'node:child_process';

export interface OpenCommand {
  command: string;
  args: string[];
}

/** The program that opens `url` in the default browser on `platform`. */
export function openCommand(url: string, platform: NodeJS.Platform): OpenCommand {
  // rundll32's URL handler takes the address as one argument (cmd's `start` would need quoting).
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

type Spawn = (command: string, args: string[], options: { detached: boolean; stdio: 'ignore' }) => {
  once(event: 'error', listener: (error: Error) => void): unknown;
  unref(): void;
};

/**
 * Opens `url` and does not wait for the browser; `onError` hears when there is no program
 * to open it with (a server without a desktop), so that the person opens it themselves.
 */
export function openUrl(url: string, onError: (detail: string) => void, platform: NodeJS.Platform = process.platform, spawn: Spawn = spawnProcess): void {
  const { command, args } = openCommand(url, platform);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', (error) => onError(error.message));
    child.unref();
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
  }
}
