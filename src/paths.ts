/** Where the files that ship with the package live, found from this module's own location. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root: `dist/paths.js` and `src/paths.ts` both sit one level below it. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = path.join(packageRoot, 'data');
export const schemasDir = path.join(packageRoot, 'schemas');
export const templatesDir = path.join(packageRoot, 'templates');
