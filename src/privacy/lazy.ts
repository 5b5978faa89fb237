/**
 * Patterns made on first use. V8 builds every Unicode property class (`\p{L}`, `\p{Lu}`)
 * from ICU each time it parses a pattern, about 0.3 M instructions a class, and it parses
 * a pattern literal when the module is read and again when the pattern is made; most of the
 * privacy rules' patterns run only near a rare hit (a postcode, an `@`, a date) and in most
 * runs not at all. Written as a string (`String.raw`, the same source as the literal was),
 * such a pattern costs nothing until a text needs it (BENCHMARKS.md, issue 18).
 */

/** The pattern `source` with `flags`, made at the first call and the same object after. */
export function lazyPattern(source: string, flags: string): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= new RegExp(source, flags));
}

const capitalFirst = lazyPattern(String.raw`^\p{Lu}`, 'u');

/** `/^\p{Lu}/u.test(word)`: the word starts with a capital of any script. */
export function startsWithCapital(word: string): boolean {
  return capitalFirst().test(word);
}

/**
 * An object whose fields are made at their first read, each once (enumerable getters): the
 * word lists' patterns of privacyData, of which a run uses the few that a hit asks about.
 */
export function lazyFields<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const made: Partial<T> = {};
  const fields = {} as T;
  for (const key of Object.keys(makers) as Array<keyof T>) {
    Object.defineProperty(fields, key, { enumerable: true, get: () => (key in made ? made[key] : (made[key] = makers[key]())) });
  }
  return fields;
}
