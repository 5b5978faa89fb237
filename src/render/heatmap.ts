/**
 * The value × domain matrix of `casebook stats`, drawn as an SVG heat map for the book's
 * overview: how many cases weigh each value, per domain. Made here, from numbers and
 * escaped labels only, so it is as safe as the rest of the page.
 */
export interface HeatmapInput {
  values: Array<{ id: string; label: string }>;
  domains: Array<{ id: string; label: string }>;
  cases: Array<{ values: Array<{ id: string }>; domains: Array<{ id: string }> }>;
  /** The theme's primary colour (#rrggbb); cells are tints of it. */
  colour: string;
  /** Accessible name of the picture. */
  title: string;
  /** "{value} in {domain}: {count}" worded for a cell's tooltip. */
  cellText(value: string, domain: string, count: number): string;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function mix(hex: string, amount: number): string {
  // Between white (0) and the colour (1).
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return '#' + rgb.map((c) => Math.round(255 + (c - 255) * amount).toString(16).padStart(2, '0')).join('');
}

/** Relative luminance (WCAG), to choose dark or light text on a cell. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Cases per value (rows) and domain (columns), in one pass over the cases. */
function countCells(input: HeatmapInput): number[][] {
  // Ids to indexes (a list each: a value set is not checked here for repeated ids).
  const indexes = (items: Array<{ id: string }>) => {
    const map = new Map<string, number[]>();
    items.forEach((item, i) => map.set(item.id, [...(map.get(item.id) ?? []), i]));
    return map;
  };
  const rowsOf = indexes(input.values);
  const columnsOf = indexes(input.domains);
  const counts = input.values.map(() => input.domains.map(() => 0));
  for (const c of input.cases) {
    // A case counts once per cell, however often it names a value or a domain.
    const rows = new Set(c.values.flatMap((v) => rowsOf.get(v.id) ?? []));
    const columns = new Set(c.domains.flatMap((d) => columnsOf.get(d.id) ?? []));
    for (const i of rows) for (const j of columns) counts[i]![j]!++;
  }
  return counts;
}

export function heatmapSvg(input: HeatmapInput): string {
  const counts = countCells(input);
  const max = Math.max(1, ...counts.flat());
  const cell = 44;
  const rowHead = 190;
  // Column labels are written at 45°: they need room above and to the right.
  const longest = Math.max(0, ...input.domains.map((d) => d.label.length));
  const slant = Math.min(260, Math.round(longest * 7 * Math.SQRT1_2) + 16);
  const colHead = Math.max(60, slant);
  const width = rowHead + cell * input.domains.length + slant;
  const height = colHead + cell * input.values.length;
  const parts: string[] = [];
  input.domains.forEach((domain, j) => {
    const x = rowHead + j * cell + cell / 2;
    parts.push(`<text class="hm-col" x="${x}" y="${colHead - 8}" transform="rotate(-45 ${x} ${colHead - 8})">${escapeXml(domain.label)}</text>`);
  });
  input.values.forEach((value, i) => {
    const y = colHead + i * cell;
    parts.push(`<text class="hm-row" x="${rowHead - 8}" y="${y + cell / 2 + 5}" text-anchor="end">${escapeXml(value.label)}</text>`);
    input.domains.forEach((domain, j) => {
      const count = counts[i]![j]!;
      const fill = count === 0 ? '#ffffff' : mix(input.colour, 0.15 + 0.85 * (count / max));
      // The text colour with the better contrast on this cell (WCAG: dark ink has L ≈ 0.010).
      const l = luminance(fill);
      const ink = (l + 0.05) / 0.0603 >= 1.05 / (l + 0.05) ? '#1a1a1a' : '#ffffff';
      const x = rowHead + j * cell;
      parts.push(
        `<g><title>${escapeXml(input.cellText(value.label, domain.label, count))}</title>` +
          `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}" stroke="#d0d0d0"/>` +
          (count > 0 ? `<text x="${x + (cell - 2) / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${ink}">${count}</text>` : '') +
          `</g>`,
      );
    });
  });
  return `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(input.title)}"><title>${escapeXml(input.title)}</title>${parts.join('')}</svg>`;
}
