// Before `tsc`: an incremental build trusts dist/.tsbuildinfo and does not notice a compiled
// file that was deleted by hand (dist/util/write.js gone, `npm run build:ts` leaves it gone).
// When any source's compiled file is missing, the build info goes, and tsc emits everything.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sources under `src` (relative, `/`-separated) whose compiled `.js` is not in `dist`. */
export function missingOutputs(src, dist) {
  const missing = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const relative = path.relative(src, path.join(entry.parentPath, entry.name));
    if (!existsSync(path.join(dist, relative.replace(/\.ts$/, '.js')))) missing.push(relative.split(path.sep).join('/'));
  }
  return missing;
}

/** Removes `dist/.tsbuildinfo` when a compiled file is missing; returns what was missing. */
export function freshDist(root) {
  const dist = path.join(root, 'dist');
  const info = path.join(dist, '.tsbuildinfo');
  if (!existsSync(info)) return [];
  const missing = missingOutputs(path.join(root, 'src'), dist);
  if (missing.length > 0) rmSync(info, { force: true });
  return missing;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = freshDist(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  if (missing.length > 0) console.log(`fresh-dist: ${missing.length} compiled file(s) missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): full rebuild`);
}
