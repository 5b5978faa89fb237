/**
 * Dutch stems (Snowball), so that inflections meet: gesprek and gesprekken, zorgvuldig and
 * zorgvuldigheid. Snowball does not touch verb prefixes (geleerd stays geleerd); the lexicon
 * lists such forms itself. Stems are cached: texts repeat the same words.
 */
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');
const cache = new Map<string, string>();
const MAX_CACHED = 50_000;

/** The stem of a folded, lower-case word. */
export function stem(form: string): string {
  let result = cache.get(form);
  if (result === undefined) {
    result = dutch.stem(form);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(form, result);
  }
  return result;
}
