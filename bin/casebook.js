#!/usr/bin/env node
// Kept tiny: `--version` answers without loading anything else, so it is as fast as Node starts.
import { existsSync, readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // `casebook validate | head`: a reader that stops early is no error (and no stack trace).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  // The CLI as one bundled module (scripts/bundle-cli.mjs): the same code as dist/cli/main.js,
  // which runs when a build made no bundle (esbuild not installed yet in a checkout).
  const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
  const { runCli } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
  process.exitCode = await runCli(argv);
}
