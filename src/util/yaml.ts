/**
 * The yaml package, loaded on first use. Loading it costs about 170 million instructions
 * (a sixth of `validate`'s start beyond Node's own), and most runs never need it: the data
 * files have JSON copies, most cases take the quick path (js-yaml), and a Document is made
 * only to place a message. Its `node` export is CommonJS, so `require` gives the same module
 * (and the same classes) as a static `import` elsewhere.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yaml(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}
