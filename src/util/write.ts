/**
 * Writing outputs so that a failed or interrupted run never leaves half a file: write to a
 * temporary file next to the target, then rename it over the target (atomic on one disk).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, link, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** Pieces joined into writes of about a megabyte: one system call per piece would be slow. */
function* batched(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
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

/**
 * Several files as one: all are written to temporary files first, and only when every one of
 * them is complete are they renamed over their targets. A failure (a full disk) or an abort
 * before that point removes the temporary files and leaves every target as it was. Only a
 * failing rename, which needs no space, could leave some targets replaced and others not.
 * `exclusive`: new files only; a target that exists (even one made meanwhile) is an EEXIST
 * error for that file, and is left alone.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[], options: { signal?: AbortSignal; exclusive?: boolean } = {}): Promise<void> {
  const staged: Array<{ file: string; temp: string }> = [];
  try {
    for (const { file, data } of files) {
      options.signal?.throwIfAborted();
      await mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
        throw new AtomicWriteError(file, error);
      });
      const temp = tempName(file);
      staged.push({ file, temp });
      const content = typeof data === 'string' || data instanceof Uint8Array ? data : batched(data);
      await writeFile(temp, content).catch(fileError(file));
    }
    // The last moment to stop with nothing replaced.
    options.signal?.throwIfAborted();
    while (staged.length > 0) {
      const { file, temp } = staged[0]!;
      await (options.exclusive ? placeNew(temp, file) : rename(temp, file)).catch((error: unknown) => {
        throw new AtomicWriteError(file, error);
      });
      staged.shift();
    }
  } finally {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
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
