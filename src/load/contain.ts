/**
 * What casebook reads or writes for a casebook stays inside the casebook's folder (the
 * folder of casebook.yaml), judged by real paths, after symlinks: a setting, a template or
 * a case that leads elsewhere is refused, so a casebook from another hand cannot publish a
 * private file or overwrite one. Paths a person names on the command line stay their choice.
 *
 * And only regular files are read, with their size checked before reading: a FIFO would
 * block forever, /dev/zero would fill the memory, a sparse file of gigabytes would be read
 * whole before a limit on its text could reject it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** `target` lies in `folder` (or is it); both as given, no links resolved. */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The real path of `target`: links resolved. For a path that does not exist (yet), the
 * real path of its nearest existing folder with the rest appended, so an output folder
 * still to be made under a link is judged by where the link leads.
 */
export function realPathOf(target: string): string {
  const rest: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...rest.reverse());
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** `target` lies in `root` after every link on the way is followed. */
export function isInsideReal(root: string, target: string): boolean {
  return isInside(realPathOf(root), realPathOf(target));
}

export type ReadRefusal = { reason: 'not-a-file' } | { reason: 'too-large'; size: number };

export class ReadRefused extends Error {
  constructor(readonly refusal: ReadRefusal) {
    super(refusal.reason);
  }
}

/** Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The buffer `readRegularFile` reads into with `reuse`: one for the run (grown when a file
 * needs more), instead of a new buffer per file that the garbage collector then frees.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * The bytes of `file` when it is a regular file of at most `maxBytes`; else ReadRefused
 * (a folder, FIFO, device or socket; or too large). The checks are made on the opened file,
 * so it cannot be swapped between the check and the read. System errors (ENOENT, EACCES)
 * are thrown as they are.
 *
 * With `reuse`, the bytes are a view on a buffer that the next such read overwrites: for a
 * caller that is done with them before it reads another file (parse.ts decodes them at once).
 */
export function readRegularFile(file: string, maxBytes: number, options: { reuse?: boolean } = {}): Buffer {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ReadRefused({ reason: 'not-a-file' });
    if (info.size > maxBytes) throw new ReadRefused({ reason: 'too-large', size: info.size });
    // Room for one byte more than allowed: a file that grew past the limit since fstat is still caught.
    const room = Math.min(info.size, maxBytes) + 1;
    if (options.reuse && scratch.length < room) scratch = Buffer.allocUnsafeSlow(room);
    const buffer = options.reuse ? scratch : Buffer.allocUnsafe(room);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, room - length, null);
      if (read === 0) break;
      length += read;
      if (length === room) break;
      // All that fstat saw, and under the limit: asking again only to hear "end of file" cost
      // a system call per file. (A file that grows meanwhile is read as far as fstat saw it.)
      if (length === info.size && info.size < maxBytes) break;
    }
    if (length > maxBytes) throw new ReadRefused({ reason: 'too-large', size: length });
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
