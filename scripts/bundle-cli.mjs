// After tsc and the compile steps: the command line as one ES module (and a chunk per command
// or report loaded on demand) in dist/bundle/, which bin/casebook.js loads. Node's ES module
// loader resolves, reads and compiles each of the ~80 files of dist/ that every command loads
// one by one; from one file that fixed start is cheaper (BENCHMARKS.md, "Start-up").
// dist/index.js and the rest of dist/ stay as tsc makes them: they are the library, and the
// worker threads' entries, which the bundle starts from their own files.
//   node scripts/bundle-cli.mjs
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
export const bundleDir = path.join(dist, 'bundle');

/**
 * Packages loaded by every command, bundled in. Any other package stays an import of its
 * own (puppeteer-core, docx, marked and the rest load only in the commands that use them,
 * as before), and so does what dist/ loads with createRequire (the precompiled schemas and
 * templates, marked, …), which esbuild does not follow; but see VENDORED.
 */
const BUNDLED_PACKAGES = new Set(['commander', 'ibantools']);

/**
 * CommonJS packages that dist/ loads on first use with createRequire, as one file each in
 * dist/bundle/vendor/ for the bundle: the yaml package is about 75 files (145 M instructions
 * to require, 43 M as one file), handlebars' runtime about 20 (60 M, 15 M). Still loaded on
 * first use: only what is required changes. `call` is the text of the require in `module`;
 * the build stops when it is not there, so that a changed source cannot silently load the
 * package's own files again. `names` makes the copy importable by name from ES modules
 * (src/import imports the yaml package statically), so that the CLI has one copy of it.
 */
const VENDORED = [
  { package: 'yaml', file: 'yaml.cjs', module: 'util/yaml.js', call: "createRequire(import.meta.url)('yaml')", names: true },
  { package: 'handlebars/runtime', file: 'handlebars-runtime.cjs', module: 'render/templates.js', call: "'handlebars/runtime'", names: false },
];

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
      const vendored = VENDORED.find((v) => v.package === args.path);
      if (vendored) return { path: `./vendor/${vendored.file}`, external: true };
      return BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const relative = path.relative(bundleDir, args.path).split(path.sep).join('/');
      const ownUrl = (text) => text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`);
      let text = ownUrl(readFileSync(args.path, 'utf8'));
      // After ownUrl: the vendored copy is found from the bundle's own location.
      for (const vendored of VENDORED.filter((v) => args.path === path.join(dist, v.module))) {
        const call = ownUrl(vendored.call);
        if (!text.includes(call)) throw new Error(`bundle-cli: dist/${vendored.module} no longer has ${vendored.call}; update VENDORED`);
        const copy = `__vendorPath(new URL(${JSON.stringify(`./vendor/${vendored.file}`)}, import.meta.url))`;
        text = `import { fileURLToPath as __vendorPath } from 'node:url';\n${text.replace(call, call.replace(`'${vendored.package}'`, copy))}`;
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/** One vendored package as a single CommonJS file (see VENDORED). */
async function vendor(build, { package: name, file, names }) {
  const exported = names ? Object.keys(createRequire(import.meta.url)(name)) : [];
  await build({
    stdin: names
      ? { contents: `export { ${exported.join(', ')} } from ${JSON.stringify(name)};`, resolveDir: root, loader: 'js' }
      : { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    outfile: path.join(bundleDir, 'vendor', file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'inline',
  });
}

export async function bundleCli() {
  // Never a bundle older than dist/: without esbuild, bin/casebook.js runs dist/cli/main.js.
  rmSync(bundleDir, { recursive: true, force: true });
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    throw new Error('bundle-cli: esbuild is not installed (a devDependency): run npm install; until then bin/casebook.js runs dist/cli/main.js, unbundled');
  }
  for (const vendored of VENDORED) await vendor(build, vendored);
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
