/**
 * `Scootmobiel of boodschappendienst?` → `scootmobiel-of-boodschappendienst`: lower case,
 * accents dropped, words joined by hyphens. A slug longer than `maxLength` is cut after the
 * last whole word that fits (`…wel-of-geen`, not `…wel-of-geen-be`); only a first word
 * longer than that is cut inside the word.
 */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, maxLength)).replace(/-+$/g, '');
}
