import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './paths.js';

const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string; repository?: { url?: string } };

export const version: string = pkg.version;

/**
 * What `npm install --global` takes to install exactly this version from its git repository
 * (the release tag v<version>), as the README's install section and the CI files say.
 */
export const installSpec = `${pkg.repository?.url ?? 'git+https://github.com/casusboek/casebook.git'}#v${version}`;
