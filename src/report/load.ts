/**
 * One reporter, loaded when it is asked for: a run prints one format (and stylish after
 * github, azure or a report to a file), and loading all seven with their helpers cost about
 * 35 million instructions at every `validate` (callgrind; a fortieth of a one-case run).
 */
import type { Format, Reporter } from './types.js';

const loaders: Record<Format, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  github: async () => (await import('./github.js')).github,
  azure: async () => (await import('./azure.js')).azure,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
};

export function loadReporter(format: Format): Promise<Reporter> {
  return loaders[format]();
}
