// After tsc and the compile steps: the command line as one ES module (and a chunk per command
// or report loaded on demand) in dist/bundle/, which bin/casebook.js loads. Node's ES module
// loader resolves, reads and compiles each of the ~80 files of dist/ that every command loads
// one by one; from one file that fixed start is cheaper (BENCHMARKS.md, "Start-up").
// dist/index.js and the rest of dist/ stay as tsc makes them: they are the library, and the
// worker threads' entries, which the bundle starts from their own files.
//   node scripts/bundle-cli.mjs
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
export const bundleDir = path.join(dist, 'bundle');

/**
 * Packages loaded by every command, bundled in. Any other package stays an import of its
 * own (puppeteer-core, docx, marked and the rest load only in the commands that use them,
 * as before), and so does what dist/ loads with createRequire (the yaml package, the
 * precompiled schemas and templates), which esbuild does not follow.
 */
const BUNDLED_PACKAGES = new Set(['commander', 'js-yaml', 'ibantools']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Each module of dist/ finds its files (data/, schemas/, templates/, the workers, the
 * precompiled copies, packages through createRequire) from its own `import.meta.url`. In
 * the bundle that would be the bundle's URL, so each module's `import.meta.url` becomes the
 * URL of its own file in dist/, written relative to the bundle's folder (the package may be
 * installed anywhere).
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const relative = path.relative(bundleDir, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

export async function bundleCli() {
  // Never a bundle older than dist/: without esbuild, bin/casebook.js runs dist/cli/main.js.
  rmSync(bundleDir, { recursive: true, force: true });
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    throw new Error('bundle-cli: esbuild is not installed (a devDependency): run npm install; until then bin/casebook.js runs dist/cli/main.js, unbundled');
  }
  await build({
    entryPoints: { cli: path.join(dist, 'cli', 'main.js') },
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunk-[hash]',
    // commander is CommonJS: its require('node:events') and the like need a require here.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [ownLocation],
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleCli();
  console.log(`bundle-cli: dist/cli/main.js → ${path.relative(root, bundleDir)}/cli.js`);
}
