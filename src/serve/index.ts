/**
 * `casebook serve`: the HTML casebook on 127.0.0.1, rebuilt when a case, casebook.yaml, the
 * values file or a template changes, and reloaded in the open page. Validation errors show
 * in the page and in the terminal.
 *
 * Rebuilds are incremental: only the files that changed are read and parsed again, and
 * their validation and rendered Markdown are cached per file, so one changed case in a
 * large casebook costs little more than that case.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { CasebookError } from '../errors.js';
import { plural, t } from '../i18n/index.js';
import { loadCasebook, type LoadOptions } from '../load/index.js';
import { relativePath } from '../report/util.js';
import { newRenderCache, renderHtml } from '../build/live.js';
import type { CaseFile, Casebook, Lang, Message } from '../types.js';

export interface ServeOptions extends LoadOptions {
  port?: number;
  /** Messages in this language (the book is in its own). */
  lang?: Lang;
  drafts?: boolean;
  /** A line for the terminal (already worded). */
  log(line: string): void;
}

export interface Served {
  url: string;
  /** Rebuilds now (the watcher calls this; tests may too). Resolves when done. */
  rebuild(changed?: string[]): Promise<BuildState>;
  close(): Promise<void>;
}

export interface BuildState {
  version: number;
  html: string;
  errors: number;
  warnings: number;
  ms: number;
}

/**
 * The page says which version it shows when it connects: a rebuild published while the page
 * was still loading (its event stream not yet open) would otherwise never reach it. The
 * version is a data attribute, so the script, and with it the CSP hash, stays the same.
 */
const RELOAD_SCRIPT = `(()=>{const v=document.currentScript.dataset.version;const s=new EventSource('/__casebook/events?v='+encodeURIComponent(v));s.addEventListener('reload',()=>location.reload());})();`;
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The book's strict CSP, widened just enough for the reload script and its event stream. */
export function withReloadScript(html: string, version: number): string {
  // Plain string operations: the page can be megabytes, and only its head and end change.
  const marker = '<meta http-equiv="Content-Security-Policy" content="';
  const at = html.indexOf(marker);
  let page = html;
  if (at >= 0) {
    const start = at + marker.length;
    const end = html.indexOf('"', start);
    // The template escapes the policy's quotes; single quotes are fine inside "…".
    const policy = html.slice(start, end).replace(/&#x27;|&#39;/g, "'").replace(/&#x3D;|&#61;/g, '=');
    const widened = policy
      .replace(/script-src ([^;]*)/, (_m, sources: string) => `script-src ${sources.replace("'none'", '').trim()} ${sha256(RELOAD_SCRIPT)}`.replace(/\s+/g, ' '))
      .concat("; connect-src 'self'");
    page = html.slice(0, start) + widened + html.slice(end);
  }
  const bodyEnd = page.lastIndexOf('</body>');
  const script = `<script data-version="${version}">${RELOAD_SCRIPT}</script>`;
  return bodyEnd < 0 ? page + script : page.slice(0, bodyEnd) + script + page.slice(bodyEnd);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page that lists what stops the build, with positions; it reloads when fixed. */
export function errorPage(messages: readonly Message[], cwd: string, lang: Lang): string {
  const items = messages
    .filter((m) => !m.suppressed && m.severity === 'error')
    .map((m) => `<li><code>${escapeHtml(`${relativePath(cwd, m.file)}:${m.line}:${m.column}`)}</code> ${escapeHtml(m.message)} <small>${escapeHtml(m.rule)}</small></li>`)
    .join('\n');
  const title = escapeHtml(t(lang, 'serve.errorTitle'));
  const style = 'body{font:16px/1.5 "Liberation Sans",Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}h1{color:#9b1c1c}li{margin:.5rem 0}code{background:#f3f3f3;padding:.1rem .3rem}small{color:#555}';
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${sha256(style)}; script-src 'none'">` +
    `<title>${title}</title><style>${style}</style></head><body><main><h1>${title}</h1><p>${escapeHtml(t(lang, 'serve.errorIntro'))}</p><ul>${items}</ul></main></body></html>`;
}

/** Folders whose files can matter: inside the casebook, not hidden, not node_modules, not the output. */
export function isWatchedFolder(folder: string, casebook: Casebook): boolean {
  const { root, output } = casebook.config;
  const relative = path.relative(root, folder);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  if (relative !== '' && relative.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const outputDir = path.resolve(root, output);
  return folder !== outputDir && !folder.startsWith(outputDir + path.sep);
}

/** More folders than any casebook has; beyond it the watch stops growing instead of exhausting the system's watches. */
const MAX_WATCHED_FOLDERS = 2000;

/**
 * Watches every folder of the casebook, each on its own, and reports the files that change in
 * them. Folders, not files, and not one recursive watch: a save by rename (vim, sed -i, most
 * "safe write" editors) replaces the file, and a watch that follows the old file (as the
 * recursive watch does on Linux) sees nothing after that. A folder sees every save, by rename
 * or in place, and a file deleted and created again. New folders are watched as they appear;
 * symbolic links are not followed.
 */
export function watchFolders(root: string, watched: (folder: string) => boolean, changed: (file: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const forget = (folder: string) => {
    for (const [dir, watcher] of watchers) {
      if (dir === folder || dir.startsWith(folder + path.sep)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };
  const add = (folder: string, announce: boolean) => {
    if (watchers.has(folder) || watchers.size >= MAX_WATCHED_FOLDERS || !watched(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (event, name) => {
        if (!name) return;
        const file = path.join(folder, name.toString());
        if (event === 'rename') {
          let isFolder = false;
          try {
            isFolder = lstatSync(file).isDirectory();
          } catch {
            forget(file);
          }
          if (isFolder) add(file, true);
        }
        changed(file);
      });
    } catch {
      return;
    }
    watcher.on('error', () => forget(folder));
    watchers.set(folder, watcher);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) add(full, announce);
      // Files in a folder that appeared after the start (a folder moved in, or unpacked) are new too.
      else if (announce && entry.isFile()) changed(full);
    }
  };
  add(root, false);
  return { close: () => forget(root) };
}

/** Which changes matter: case files, casebook.yaml, the values file, templates. Not the output. */
export function isRelevant(file: string, casebook: Casebook): boolean {
  const { root, output, templates, valuesFile } = casebook.config;
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || relative.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const outputDir = path.resolve(root, output);
  if (file === outputDir || file.startsWith(outputDir + path.sep)) return false;
  if (/\.ya?ml$/i.test(file)) return true;
  if (valuesFile && file === valuesFile) return true;
  if (templates && file.startsWith(path.resolve(root, templates) + path.sep)) return true;
  return false;
}

/**
 * The Host header of a request to this server: only the loopback names with our port. Any
 * other name means a page on the web reached the server through DNS rebinding (a name of
 * theirs that resolves to 127.0.0.1), and must not read the book, drafts included.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/** The port for `--port`: 0 (any free port) to 65535. */
export function checkPort(port: number, lang: Lang): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CasebookError(t(lang, 'serve.badPort', { port }));
}

export async function serve(options: ServeOptions): Promise<Served> {
  const lang0 = options.lang ?? 'nl';
  const port = options.port ?? 4173;
  checkPort(port, lang0);
  const book = await LiveBook.open(options);
  await book.rebuild();
  const server = createServer(requestHandler(book, () => listeningPort));
  const listeningPort = await listen(server, port, lang0);
  const url = `http://127.0.0.1:${listeningPort}/`;
  const watcher = watchChanges(book, (error) => options.log(error instanceof CasebookError ? error.message : t(lang0, 'cli.internalError', { detail: (error as Error).message })));
  return {
    url,
    rebuild: async (changed = []) => {
      book.invalidate(changed.map((file) => path.resolve(file)));
      return book.rebuild();
    },
    close: async () => {
      watcher.close();
      book.closeClients();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}

/**
 * The casebook being served: loaded again from what changed, its page as last built, and the
 * open pages to tell when it changes. One rebuild at a time; changes that arrive meanwhile
 * lead to one more rebuild after it.
 */
class LiveBook {
  state: BuildState = { version: 0, html: '', errors: 0, warnings: 0, ms: 0 };
  /** The event streams of the open pages. */
  readonly clients = new Set<ServerResponse>();
  private readonly sources = new Map<string, CaseFile>();
  private renderCache = newRenderCache();
  private running: Promise<BuildState> | undefined;
  private again = false;

  private constructor(private readonly options: ServeOptions, private readonly loadOptions: LoadOptions, private readonly cwd: string, public casebook: Casebook) {}

  static async open(options: ServeOptions): Promise<LiveBook> {
    const loadOptions: LoadOptions = {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.casebook ? { casebook: options.casebook } : {}),
      ...(options.lang ? { lang: options.lang } : {}),
    };
    const casebook = await loadCasebook(loadOptions);
    // From now on this casebook.yaml: if it goes, a casebook.yaml in a folder above must not
    // take its place (that would serve a different, larger folder).
    if (casebook.config.file) loadOptions.casebook = casebook.config.file;
    return new LiveBook(options, loadOptions, options.cwd ?? process.cwd(), casebook);
  }

  /** The language of the messages: the one asked for, else the book's. */
  get lang(): Lang {
    return this.options.lang ?? this.casebook.config.language;
  }

  /** Forget what changed. */
  invalidate(files: Iterable<string>): void {
    const { file: configFile, valuesFile } = this.casebook.config;
    for (const file of files) {
      this.sources.delete(file);
      // Cases are cached per file and per text; settings, values and templates change everything.
      if (!/\.ya?ml$/i.test(file) || file === configFile || file === valuesFile) this.renderCache = newRenderCache();
    }
  }

  async rebuild(): Promise<BuildState> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let result: BuildState;
      do {
        this.again = false;
        result = await this.rebuildOnce();
      } while (this.again);
      return result;
    })();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  closeClients(): void {
    for (const client of this.clients) client.end();
  }

  private async rebuildOnce(): Promise<BuildState> {
    const started = performance.now();
    try {
      this.casebook = await loadCasebook({ ...this.loadOptions, reuse: this.sources });
    } catch (error) {
      // casebook.yaml deleted (or moved) while serving: say so, show it, and wait for it.
      if (!(error instanceof CasebookError)) throw error;
      const message = { file: this.casebook.config.file ?? this.cwd, rule: 'load/not-found', severity: 'error' as const, message: error.message, line: 1, column: 1, endLine: 1, endColumn: 1 };
      this.options.log(error.message);
      return this.publish({ html: errorPage([message], this.cwd, this.lang), errors: 1, warnings: 0, ms: performance.now() - started });
    }
    const { lang, cwd } = this;
    const result = renderHtml(this.casebook, { lang, filters: { drafts: this.options.drafts ?? true }, cache: this.renderCache });
    const errors = result.messages.filter((m) => !m.suppressed && m.severity === 'error');
    const warnings = result.messages.filter((m) => !m.suppressed && m.severity === 'warning').length;
    const html = result.html === undefined ? errorPage(result.messages, cwd, lang) : result.html;
    const ms = performance.now() - started;
    for (const m of errors.slice(0, 20)) this.options.log(`  ${relativePath(cwd, m.file)}:${m.line}:${m.column}  ${m.message}  ${m.rule}`);
    // Warnings are counted here, listed by `casebook validate`: the line says so.
    const key = errors.length ? 'serve.builtWithErrors' : warnings ? 'serve.builtWithWarnings' : 'serve.built';
    this.options.log(t(lang, key, { cases: plural(lang, 'stats.cases', this.casebook.cases.length), errors: plural(lang, 'report.errors', errors.length), warnings: plural(lang, 'report.warnings', warnings), ms: Math.round(ms) }));
    return this.publish({ html, errors: errors.length, warnings, ms });
  }

  /** The new page (with the reload script) as the state, and the open pages told to reload. */
  private publish(built: Omit<BuildState, 'version'>): BuildState {
    const version = this.state.version + 1;
    this.state = { ...built, version, html: withReloadScript(built.html, version) };
    for (const client of this.clients) client.write(`event: reload\ndata: ${this.state.version}\n\n`);
    return this.state;
  }
}

/** Answers the page, and the event stream that reloads it, to this machine's own names only. */
function requestHandler(book: LiveBook, listeningPort: () => number): (request: IncomingMessage, response: ServerResponse) => void {
  const badRequest = (response: ServerResponse) => response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Bad Request');
  return (request, response) => {
    if (!isOwnHost(request.headers.host, listeningPort())) return badRequest(response);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      return badRequest(response); // a request target like `http://[`
    }
    if (url.pathname === '/__casebook/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      // A page older than the book (rebuilt while it loaded) reloads at once.
      const shown = url.searchParams.get('v');
      if (shown !== null && shown !== String(book.state.version)) response.write(`event: reload\ndata: ${book.state.version}\n\n`);
      book.clients.add(response);
      request.on('close', () => book.clients.delete(response));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname !== '/' && url.pathname !== '/index.html') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(t(book.lang, 'serve.notFound'));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : book.state.html);
  };
}

/** Listens on 127.0.0.1 only (a casebook in progress is not for the network); resolves to the port. */
async function listen(server: Server, port: number, lang: Lang): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const key = error.code === 'EADDRINUSE' ? 'serve.portInUse' : error.code === 'EACCES' ? 'serve.portDenied' : undefined;
      reject(key ? new CasebookError(t(lang, key, { port })) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** Rebuilds the book when files that matter change, once the editor is done writing them. */
function watchChanges(book: LiveBook, failed: (error: unknown) => void): { close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchFolders(book.casebook.config.root, (folder) => isWatchedFolder(folder, book.casebook), (file) => {
    if (!isRelevant(file, book.casebook)) return;
    pending.add(file);
    clearTimeout(timer);
    // Editors write a file in several steps; wait until they are done.
    timer = setTimeout(() => {
      book.invalidate(pending);
      pending.clear();
      void book.rebuild().catch(failed);
    }, 60);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
