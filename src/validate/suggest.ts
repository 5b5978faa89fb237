/** "Bedoelde je …?": the closest known key or id to what someone typed. */
import { distance } from 'fastest-levenshtein';

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
 * smallest edit distance, within max(1, ⌊length/3⌋) edits so that unrelated words are not
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
