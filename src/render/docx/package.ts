/**
 * The same book on the same build date gives the same bytes: `docx` stamps the document
 * properties with the current time, names some relationships at random and dates every zip
 * entry now. The package is unpacked, those are set from the build date and a counter, and
 * packed again in the same order.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** Zip entry times are DOS times: local, in two-second steps, from 1980 on. */
function zipTime(date: Date): Date {
  const utc = new Date(Math.max(date.getTime(), Date.UTC(1980, 0, 1, 12)));
  // fflate writes the local time of the Date; this Date's local time is the UTC time wanted.
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
}

const W3CDTF = /(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:(?:created|modified)>)/g;

/**
 * `docx` numbers bookmarks and drawings with counters that live as long as the process: a
 * second book made by the same process (`serve`, tests) would get other numbers. They are
 * numbered again here, in order of appearance; a TOC bookmark's name carries its number.
 */
function renumber(text: string): string {
  const ids = new Map<string, number>();
  const tocs = new Map<string, number>();
  const docPr = new Map<string, number>();
  return text
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\sw:id=")(\d+)(")/g, (_, a: string, id: string, b: string) => `${a}${ids.get(id) ?? ids.set(id, ids.size + 1).get(id)!}${b}`)
    .replace(/_Toc(\d+)/g, (_, id: string) => `_Toc${tocs.get(id) ?? tocs.set(id, tocs.size + 1).get(id)!}`)
    .replace(/(<wp:docPr\b[^>]*?\sid=")(\d+)(")/g, (_, a: string, id: string, b: string) => `${a}${docPr.get(id) ?? docPr.set(id, docPr.size + 1).get(id)!}${b}`);
}

/** Changes to the XML parts before packing again (`name` is the part's path in the package). */
export type PartRewrite = (name: string, xml: string) => string;

export function reproducible(bytes: Uint8Array, date: Date, rewrite?: PartRewrite): Uint8Array {
  const entries = unzipSync(bytes);
  const names = Object.keys(entries);
  const stamp = `${date.toISOString().slice(0, 19)}Z`;
  const texts = new Map<string, string>();
  for (const name of names) if (/\.(xml|rels)$/.test(name)) texts.set(name, strFromU8(entries[name]!));

  // Relationship ids that are not rIdN were made at random: give them names by order of appearance.
  const renamed = new Map<string, string>();
  for (const name of names) {
    if (!name.endsWith('.rels')) continue;
    for (const match of texts.get(name)!.matchAll(/\sId="([^"]+)"/g)) {
      const id = match[1]!;
      if (!/^rId\d+$/.test(id) && !renamed.has(id)) renamed.set(id, `rIdc${renamed.size + 1}`);
    }
  }
  const pattern = renamed.size > 0 ? new RegExp(`"(${[...renamed.keys()].map(escape).join('|')})"`, 'g') : undefined;
  const mtime = zipTime(date);
  const out: Zippable = {};
  for (const name of names) {
    let data = entries[name]!;
    let text = texts.get(name);
    if (text !== undefined) {
      if (name === 'docProps/core.xml') text = text.replace(W3CDTF, `$1${stamp}$2`);
      if (/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) text = renumber(text);
      if (rewrite) text = rewrite(name, text);
      if (pattern) text = text.replace(pattern, (_, id: string) => `"${renamed.get(id)}"`);
      data = strToU8(text);
    }
    out[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(out, { mtime });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
