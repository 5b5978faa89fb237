import { describe, expect, it } from 'vitest';
import { heatmapSvg } from '../../src/render/heatmap.js';

const input = {
  values: [{ id: 'maatwerk', label: 'Maatwerk' }, { id: 'vertrouwen', label: 'Vertrouwen <&>' }],
  domains: [{ id: 'wmo', label: 'Wmo 2015' }, { id: 'jeugdwet', label: 'Jeugdwet' }],
  cases: [
    { values: [{ id: 'maatwerk' }], domains: [{ id: 'wmo' }, { id: 'jeugdwet' }] },
    { values: [{ id: 'maatwerk' }, { id: 'vertrouwen' }], domains: [{ id: 'wmo' }] },
  ],
  colour: '#1d4e6e',
  title: 'Kernwaarden per domein',
  cellText: (value: string, domain: string, count: number) => `${value} in ${domain}: ${count}`,
};

describe('heat map', () => {
  it('counts cases per value and domain, with a tooltip per cell', () => {
    const svg = heatmapSvg(input);
    const titles = [...svg.matchAll(/<g><title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual(['Maatwerk in Wmo 2015: 2', 'Maatwerk in Jeugdwet: 1', 'Vertrouwen &#60;&#38;&#62; in Wmo 2015: 1', 'Vertrouwen &#60;&#38;&#62; in Jeugdwet: 0']);
  });

  it('is an accessible picture, with escaped labels and the darkest cell for the highest count', () => {
    const svg = heatmapSvg(input);
    expect(svg).toMatch(/^<svg class="heatmap" [^>]*role="img" aria-label="Kernwaarden per domein"><title>Kernwaarden per domein<\/title>/);
    expect(svg).not.toContain('<&>');
    expect(svg).toContain('fill="#1d4e6e"');
    // White text on the darkest cell, dark text on light ones.
    expect(svg).toMatch(/fill="#1d4e6e" stroke="#d0d0d0"\/><text [^>]*fill="#ffffff">2<\/text>/);
    expect(svg).toMatch(/fill="#1a1a1a">1<\/text>/);
  });
});
