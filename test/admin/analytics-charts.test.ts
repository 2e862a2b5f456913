import { describe, expect, it } from 'vitest';
import { escapeXml, fitLabel, horizontalBarChart, niceScale, stackedBarChart } from '../../src/admin/analytics/charts';

const HOSTILE = '<script>alert("x")</script> & \'quotes\'';

/** Every element name used, to show nothing but SVG drawing elements gets through. */
const elements = (svg: string) => [...new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]))].sort();

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('niceScale', () => {
  it('ends on a round number with 1, 2 or 5 steps, never a step below 1', () => {
    expect(niceScale(37)).toEqual({ max: 40, step: 10 });
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(2)).toEqual({ max: 2, step: 1 });
    expect(niceScale(1234)).toEqual({ max: 1500, step: 500 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });
});

describe('stackedBarChart', () => {
  const chart = stackedBarChart({
    id: 'messages',
    title: 'Messages per day by language',
    description: '12 messages in 3 days',
    categories: ['11-20', '11-21', '11-22'],
    unit: 'messages',
    series: [
      { key: 'en', label: 'English', color: '#0072B2', values: [2, 0, 3] },
      { key: 'vi', label: 'Vietnamese', color: '#E69F00', values: [1, 4, 2] },
    ],
  });

  it('is an accessible image: role img, labelled by its title and description', () => {
    expect(chart).toMatch(/^<svg [^>]*role="img" aria-labelledby="messages-title messages-desc"/);
    expect(chart).toContain('<title id="messages-title">Messages per day by language</title>');
    expect(chart).toContain('<desc id="messages-desc">12 messages in 3 days</desc>');
  });

  it('draws one rect per non-zero value, stacked, each telling its value', () => {
    const segments = [...chart.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="([^"]+)"><title>([^<]+)<\/title>/g)];
    expect(segments.map((m) => m[5])).toEqual([
      '11-20 · English: 2 messages',
      '11-20 · Vietnamese: 1 messages',
      '11-21 · Vietnamese: 4 messages',
      '11-22 · English: 3 messages',
      '11-22 · Vietnamese: 2 messages',
    ]);
    // The second segment of a day sits on top of the first.
    const [first, second] = segments;
    expect(Number(second[2]) + Number(second[3])).toBeCloseTo(Number(first[2]), 0);
    expect(Number(first[3])).toBeCloseTo(2 * Number(second[3]), 0);
  });

  it('has a legend and labelled axes', () => {
    expect(chart).toContain('>English</text>');
    expect(chart).toContain('>Vietnamese</text>');
    expect(chart).toContain('>11-22</text>');
    expect(chart).toMatch(/>6<\/text>/);
  });

  it('escapes hostile labels, titles and categories', () => {
    const svg = stackedBarChart({
      id: 'x"><script>',
      title: HOSTILE,
      description: HOSTILE,
      categories: [HOSTILE],
      unit: HOSTILE,
      series: [{ key: 'a', label: HOSTILE, color: '"><script>alert(1)</script>', values: [1] }],
    });
    expect(svg).not.toContain('<script');
    // Not a colour: drawn in grey rather than written into the attribute.
    expect(svg).not.toContain('alert(1)');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(elements(svg)).toEqual(['desc', 'g', 'line', 'rect', 'svg', 'text', 'title']);
  });

  it('says when there is nothing to show', () => {
    const empty = stackedBarChart({ id: 'e', title: 't', description: 'd', categories: ['a', 'b'], unit: 'u', series: [{ key: 'k', label: 'K', color: '#000', values: [0, 0] }] });
    expect(empty).toContain('No data in this period');
    expect(empty).not.toContain('<title>');
  });

  it('thins out day labels on long periods so they do not overlap', () => {
    const days = Array.from({ length: 90 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    const svg = stackedBarChart({ id: 'long', title: 't', description: 'd', categories: days, unit: 'u', series: [{ key: 'k', label: 'K', color: '#000', values: days.map(() => 1) }] });
    const labels = [...svg.matchAll(/>(d\d\d)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThan(30);
    expect(labels.at(-1)).toBe('d89');
  });
});

describe('horizontalBarChart', () => {
  it('draws a labelled bar per row with its value and note, scaled to the largest', () => {
    const svg = horizontalBarChart({
      id: 'top',
      title: 'Top entries',
      description: 'Answers per entry',
      bars: [
        { label: 'Garbage', value: 10 },
        { label: 'Visa renewal', value: 5, note: '4 of 5' },
      ],
    });
    expect(svg).toContain('<title>Garbage: 10</title>');
    expect(svg).toContain('<title>Visa renewal: 5 (4 of 5)</title>');
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="18" rx="3" fill="#0072B2"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(2 * widths[1], 0);
  });

  it('formats values and honours a fixed scale (rates out of 1)', () => {
    const svg = horizontalBarChart({ id: 'rate', title: 't', description: 'd', bars: [{ label: 'A', value: 0.5 }], max: 1, format: (v) => `${Math.round(v * 100)}%` });
    expect(svg).toContain('>50%</text>');
  });

  it('escapes a hostile label and shortens a long one, keeping it whole in the hover title', () => {
    const long = `${HOSTILE} ${'very long question '.repeat(10)}`;
    const svg = horizontalBarChart({ id: 'h', title: HOSTILE, description: HOSTILE, bars: [{ label: long, value: 3, note: HOSTILE }] });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('…</text>');
    expect(svg).toContain(`<title>${escapeXml(long)}: 3 (${escapeXml(HOSTILE)})</title>`);
    expect(elements(svg)).toEqual(['desc', 'g', 'rect', 'svg', 'text', 'title']);
  });

  it('puts the labels above the bars when narrow (phones), with room for longer labels', () => {
    const label = 'Extending your period of stay (visa renewal)';
    const svg = horizontalBarChart({ id: 'n', title: 't', description: 'd', width: 360, bars: [{ label, value: 4 }] });
    expect(svg).toContain(`<text x="4" y="19" fill="#1c2430">${label}</text>`);
    expect(svg).not.toContain('text-anchor="end"');
    const wide = horizontalBarChart({ id: 'w', title: 't', description: 'd', bars: [{ label, value: 4 }] });
    expect(wide).toContain('text-anchor="end"');
  });

  it('says when there is nothing to show', () => {
    expect(horizontalBarChart({ id: 'n', title: 't', description: 'd', bars: [] })).toContain('No data in this period');
  });
});

describe('fitLabel', () => {
  it('keeps short labels and cuts long ones with an ellipsis, counting wide scripts double', () => {
    expect(fitLabel('Garbage', 100)).toBe('Garbage');
    expect(fitLabel('a'.repeat(30), 70)).toBe(`${'a'.repeat(9)}…`);
    expect(fitLabel('ごみの出し方について', 70)).toBe('ごみの出…');
  });
});
