/** `casebook serve`: live preview of the HTML casebook while you write. */
import { t } from '../../i18n/index.js';
import { serve } from '../../serve/index.js';
import type { GlobalOptions, Io } from '../io.js';
import { parseCount } from '../io.js';
import { openUrl } from '../open-url.js';

export interface ServeCommandOptions extends GlobalOptions {
  port?: string;
  drafts?: boolean;
  open?: boolean;
}

export async function serveCommand(options: ServeCommandOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const lang = options.lang ?? 'nl';
  const port = options.port === undefined ? undefined : parseCount(options.port, '--port', lang);
  const served = await serve({
    cwd: io.cwd,
    ...(options.casebook ? { casebook: options.casebook } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    ...(port !== undefined ? { port } : {}),
    drafts: options.drafts !== false,
    log: (line) => io.stderr.write(line + '\n'),
  });
  io.stdout.write(t(lang, 'serve.listening', { url: served.url }) + '\n');
  if (options.open) openUrl(served.url, (detail) => io.stderr.write(t(lang, 'serve.openFailed', { url: served.url, detail }) + '\n'));
  // Runs until Ctrl-C (or the signal, in tests); then closes the server and the watcher.
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await served.close();
  io.stderr.write(t(lang, 'serve.stopped') + '\n');
  return 0;
}
