/**
 * Writing outputs so that a failed or interrupted run never leaves half a file: write to a
 * temporary file next to the target, then rename it over the target (atomic on one disk).
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, chmod, chown, copyFile, link, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileToWrite {
  file: string;
  /** Pieces of text are written as they come (a large book is never one string). */
  data: string | Uint8Array | Iterable<string>;
}

/** A write that failed, with the target it was for (the system error names the temporary file). */
export class AtomicWriteError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AtomicWriteError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** The temporary name: hidden, next to the target, unique per process and call. */
export function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the temporary files a killed run left in `folder` (names from tempName whose
 * process is gone); those of a run still going are left alone.
 */
export async function removeStaleTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.map(async (name) => {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) await rm(path.join(folder, name), { force: true }).catch(() => undefined);
  }));
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Replaces the text of a file a person edits (a case), but only if it still holds `expected`
 * (its text as read, without BOM): an edit made since then is never overwritten. The new
 * text keeps the file's BOM, mode and owner; a symlink keeps pointing to the file, which is
 * replaced where it lies. Checked twice: before writing, and after (size, mtime and content
 * hash), just before the rename. Returns false, writing nothing, when the file changed.
 */
export async function replaceIfUnchanged(file: string, expected: string, text: string): Promise<boolean> {
  const target = await realpath(file);
  const before = await stat(target);
  const bytes = await readFile(target);
  const hasBom = bytes.subarray(0, 3).equals(UTF8_BOM);
  if (new TextDecoder().decode(hasBom ? bytes.subarray(3) : bytes) !== expected.replace(/^\uFEFF/, '')) return false;
  const temp = tempName(target);
  try {
    const mode = before.mode & 0o7777;
    await writeFile(temp, hasBom ? Buffer.concat([UTF8_BOM, Buffer.from(text)]) : text, { mode, flag: 'wx' });
    await chmod(temp, mode); // the umask may have narrowed it
    await chown(temp, before.uid, before.gid).catch(() => undefined); // only root may give files away
    const now = await stat(target);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || digest(await readFile(target)) !== digest(bytes)) return false;
    await rename(temp, target);
    return true;
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** How large each write is: one system call per piece would be slow. */
const BATCH_BYTES = 1 << 20;
/** UTF-16 code units that fit a batch whatever they are (at most 3 bytes of UTF-8 each). */
const BATCH_UNITS = Math.floor(BATCH_BYTES / 3);
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Pieces of text encoded as UTF-8 into writes of about a megabyte, the same bytes as the
 * pieces joined and encoded at once. Encoding into a buffer that is already there
 * (`buffer.write`) is several times faster than `Buffer.from` of a joined string, which
 * first flattens the pieces and then takes a slow path for text with characters beyond
 * Latin-1 (typographic quotes). A surrogate pair split between two pieces is kept whole.
 */
function* encoded(pieces: Iterable<string>): Generator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  let pending = '';
  for (let piece of pieces) {
    if (pending !== '') piece = pending + piece;
    pending = piece !== '' && isHighSurrogate(piece.charCodeAt(piece.length - 1)) ? piece.slice(-1) : '';
    if (pending !== '') piece = piece.slice(0, -1);
    for (let from = 0; from < piece.length; ) {
      let to = Math.min(piece.length, from + BATCH_UNITS);
      if (to < piece.length && isHighSurrogate(piece.charCodeAt(to - 1))) to--;
      if ((to - from) * 3 > BATCH_BYTES - used) {
        yield buffer.subarray(0, used);
        buffer = Buffer.allocUnsafe(BATCH_BYTES);
        used = 0;
      }
      used += buffer.write(from === 0 && to === piece.length ? piece : piece.slice(from, to), used, 'utf8');
      from = to;
    }
  }
  if (pending !== '' && BATCH_BYTES - used < 3) {
    yield buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(BATCH_BYTES);
    used = 0;
  }
  if (pending !== '') used += buffer.write(pending, used, 'utf8');
  if (used > 0) yield buffer.subarray(0, used);
}

/** A system error (ENOSPC, EROFS, ...) is about the file; anything else (a template failing while its piece is made) is not. */
const fileError = (file: string) => (error: unknown) => {
  throw (error as NodeJS.ErrnoException | undefined)?.code === undefined ? error : new AtomicWriteError(file, error);
};

/** One file; a failure is the system's own error, as from writeFile. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFilesAtomic([{ file: target, data }]);
  } catch (error) {
    throw error instanceof AtomicWriteError ? error.cause : error;
  }
}

/** The file system calls the last step uses; tests pass their own (a file locked as on Windows). */
export interface RenameFs {
  rename(from: string, to: string): Promise<void>;
  /** A second name for the previous file, kept until every new file is in place. */
  keep(file: string, backup: string): Promise<void>;
  exists(file: string): Promise<boolean>;
  remove(file: string): Promise<void>;
}

const nodeFs: RenameFs = {
  rename,
  keep: (file, backup) =>
    // A hard link costs nothing; where there are none (FAT, some network shares), a copy.
    link(file, backup).catch(() => copyFile(file, backup)),
  exists: (file) => access(file).then(() => true, () => false),
  remove: (file) => rm(file, { force: true }),
};

/**
 * Errors of a file that another program holds open: on Windows a PDF open in Acrobat or Edge,
 * or a virus scanner reading it. They usually pass within moments.
 */
const LOCKED = new Set(['EPERM', 'EACCES', 'EBUSY']);

export interface RetryOptions {
  /** How many times to try a rename that fails because the file is locked. */
  attempts: number;
  /** The wait before the first retry; it doubles each time (100, 200, 400 ... ms: about 3 s in all). */
  delayMs: number;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 6, delayMs: 100 };

/** Whether a write failed because the target is locked by another program (still so after the retries). */
export const isLocked = (error: unknown) => LOCKED.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');

async function renameRetrying(fs: RenameFs, from: string, to: string, retry: RetryOptions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      if (!isLocked(error) || attempt >= retry.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, retry.delayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Several files as one: all are written to temporary files first, and only when every one of
 * them is complete are they renamed over their targets. A failure (a full disk) or an abort
 * before that point removes the temporary files and leaves every target as it was. A rename
 * that fails because another program holds the target open is retried for a few seconds; if
 * it still fails, the targets already replaced get their previous version back (kept under a
 * second name until the end), so the HTML and the PDF stay a matching pair, and the error
 * names the locked file. `exclusive`: new files only; a target that exists (even one made
 * meanwhile) is an EEXIST error for that file, and is left alone.
 */
export async function writeFilesAtomic(
  files: readonly FileToWrite[],
  options: { signal?: AbortSignal; exclusive?: boolean; fs?: RenameFs; retry?: RetryOptions } = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const retry = options.retry ?? DEFAULT_RETRY;
  const staged: Array<{ file: string; temp: string }> = [];
  const replaced: Array<{ file: string; backup: string | undefined }> = [];
  const backups: string[] = [];
  try {
    for (const { file, data } of files) {
      options.signal?.throwIfAborted();
      await mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
        throw new AtomicWriteError(file, error);
      });
      const temp = tempName(file);
      staged.push({ file, temp });
      const content = typeof data === 'string' || data instanceof Uint8Array ? data : encoded(data);
      await writeFile(temp, content).catch(fileError(file));
    }
    // The last moment to stop with nothing replaced.
    options.signal?.throwIfAborted();
    while (staged.length > 0) {
      const { file, temp } = staged[0]!;
      let backup: string | undefined;
      try {
        if (options.exclusive) {
          await placeNew(temp, file);
        } else {
          if (await fs.exists(file)) {
            backup = `${tempName(file)}.previous`;
            await fs.keep(file, backup);
            backups.push(backup);
          }
          await renameRetrying(fs, temp, file, retry);
        }
      } catch (error) {
        // Put back what was replaced: the outputs stay the previous, matching set.
        for (const done of replaced.reverse()) {
          if (done.backup) await renameRetrying(fs, done.backup, done.file, retry).catch(() => undefined);
        }
        throw new AtomicWriteError(file, error);
      }
      replaced.push({ file, backup });
      staged.shift();
    }
  } finally {
    await Promise.all([...staged.map(({ temp }) => temp), ...backups].map((name) => fs.remove(name).catch(() => undefined)));
  }
}

/** The temporary file as `file`, which must not exist: a hard link fails if it does (no check-then-write race). */
async function placeNew(temp: string, file: string): Promise<void> {
  try {
    await link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file system without hard links (some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    const exists = await lstat(file).then(() => true, () => false);
    if (exists) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
    await rename(temp, file);
    return;
  }
  await rm(temp, { force: true });
}
