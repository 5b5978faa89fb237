/** "Bedoelde je …?": the closest known key or id to what someone typed. */
import { createRequire } from 'node:module';
import { readDataFile } from '../data.js';
import type { LabelledId } from '../types.js';

type Levenshtein = typeof import('fastest-levenshtein');
let levenshtein: Levenshtein | undefined;
/** fastest-levenshtein's `distance`, loaded at the first suggestion (most runs make none); its `main` is CommonJS. */
const levenshteinDistance = (a: string, b: string): number => (levenshtein ??= createRequire(import.meta.url)('fastest-levenshtein') as Levenshtein).distance(a, b);

/** True when `b` is `a` with two neighbouring letters swapped (`mwo` for `wmo`, `pfd` for `pdf`). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Edit distance in which two swapped neighbouring letters count as one edit: Levenshtein
 * counts them as two, too far for the limit on short words, yet it is the commonest slip there.
 */
function distance(a: string, b: string): number {
  return swapped(a, b) ? 1 : levenshteinDistance(a, b);
}

/** Lower case, accents folded, separators ignored: `Wmo`, `wmo ` and `wmö` compare equal. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}

/**
 * The candidate closest to `input`: first a case- and accent-insensitive match, then the
 * smallest edit distance (a swap of two neighbouring letters is one edit), within max(1, ⌊length/3⌋) edits so that unrelated words are not
 * suggested. `aliases` maps other words (e.g. Dutch field names) straight to candidates; the
 * first one that is in `candidates` wins.
 */
export function suggest(
  input: string,
  candidates: Iterable<string>,
  aliases: Readonly<Record<string, string | readonly string[]>> = {},
): string | undefined {
  const wanted = normalise(input);
  if (!wanted) return undefined;
  const list = [...candidates];
  const exact = list.find((c) => normalise(c) === wanted);
  if (exact !== undefined && exact !== input) return exact;
  // An alias may name several keys (`wet` is `legal` in a case, `law` in a legal item).
  const aliased = ([] as string[]).concat(aliases[wanted] ?? []).find((target) => list.includes(target));
  if (aliased !== undefined) return aliased;
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    if (candidate === input) continue;
    const d = distance(wanted, normalise(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  // A prefix is a strong hint too: `jeugd` → `jeugdwet`, `particip` → `participatiewet`.
  if (wanted.length >= 4) {
    const prefixed = list.filter((c) => normalise(c).startsWith(wanted));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

let idWords: Record<string, Record<string, string>> | undefined;

/**
 * The words people write for an id of `kind` (`vastgesteld` for the status `published`,
 * `bijstand` for the domain `participatiewet`), from data/id-words.yaml, plus the labels
 * of the casebook's own list (`Wet inburgering` for `inburgering`).
 */
export function idAliases(kind: 'status' | 'domain' | 'role', labelled: readonly LabelledId[] = []): Record<string, string> {
  idWords ??= readDataFile('id-words.yaml') as Record<string, Record<string, string>>;
  const aliases: Record<string, string> = { ...idWords[kind] };
  for (const { id, label } of labelled) aliases[normalise(label)] ??= id;
  return aliases;
}

/** The status id for what someone typed (`concept`, `Vastgesteld`, `published`), or undefined. */
export function statusId(word: string): string | undefined {
  const statuses = ['draft', 'review', 'published'];
  if (statuses.includes(word)) return word;
  const id = idAliases('status')[normalise(word)];
  return id ?? statuses.find((s) => normalise(s) === normalise(word));
}
