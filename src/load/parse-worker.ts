/** A worker thread that reads and parses a share of the case files (see readAll). */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../types.js';
import { readSource, type PlainSource } from './parse.js';

const { files, lang } = workerData as { files: string[]; lang: Lang };
const results: PlainSource[] = files.map((file) => {
  const { path, text, data, messages } = readSource(file, { lang });
  return { path, text, data, messages };
});
parentPort!.postMessage(results);
