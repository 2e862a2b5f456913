/**
 * Charts as SVG, rendered on the server by pure functions: stacked bars per day (messages by
 * language, the decision mix) and horizontal bars (top entries, helpful rates, times). Every
 * text is escaped; each chart is an image with a title and a description for screen readers
 * (the page puts the same figures in a table under it), and each bar says its value on hover.
 * Colours are presentation attributes, not styles, so the console's CSP (no inline style) holds.
 */

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Colours told apart by most colour-blind readers too (Okabe–Ito, then two more). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#882255', '#F0E442', '#6B6B6B', '#1B3A6B'] as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK JP', sans-serif";
const TEXT = '#1c2430';
const MUTED = '#55606e';
const GRID = '#d5dbe2';
/** Roughly how wide a character of the chart's 12 px text is, for layout (wide scripts count double). */
const CHAR_WIDTH = 7;

export interface Series {
  key: string;
  label: string;
  color: string;
  /** One value per category. */
  values: number[];
}

export interface ChartText {
  /** Unique on the page (becomes the ids of the title and description). */
  id: string;
  title: string;
  description: string;
}

export interface StackedBarsOptions extends ChartText {
  /** The x axis, e.g. days. */
  categories: string[];
  series: Series[];
  /** What the numbers count, e.g. "messages". */
  unit: string;
  width?: number;
  height?: number;
}

export interface Bar {
  label: string;
  value: number;
  /** Shown after the value, e.g. "8 of 10". */
  note?: string;
  color?: string;
}

export interface HorizontalBarsOptions extends ChartText {
  bars: Bar[];
  /** The scale's end (default: the largest value). */
  max?: number;
  format?: (value: number) => string;
  width?: number;
  color?: string;
}

const safeId = (id: string) => id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
/** Only colours go into `fill`: anything else is drawn grey. */
const safeColor = (color: string | undefined) => (color && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : MUTED);

/** How wide a text is drawn, roughly (CJK, Hangul and kana count double). */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width * CHAR_WIDTH;
}

/** Cuts a label to fit `width` pixels, with an ellipsis. */
export function fitLabel(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** A round scale end at or above `max`, and its ticks (1, 2 or 5 times a power of ten apart). */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  // Counts are whole numbers: a step below 1 would label ticks 0.2, 0.4...
  const whole = Math.max(1, step);
  return { max: Math.ceil(max / whole) * whole, step: whole };
}

const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

function frame(options: ChartText, width: number, height: number, body: string): string {
  const id = safeId(options.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeXml(FONT)}" font-size="12">` +
    `<title id="${id}-title">${escapeXml(options.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>` +
    body +
    `</svg>`
  );
}

/** The legend as swatches and labels in rows that wrap; returns the markup and its height. */
function legend(series: Series[], x0: number, width: number): { svg: string; height: number } {
  let x = x0;
  let y = 0;
  let svg = '';
  for (const item of series) {
    const itemWidth = 12 + 6 + textWidth(item.label) + 16;
    if (x > x0 && x + itemWidth > x0 + width) {
      x = x0;
      y += 20;
    }
    svg += `<rect x="${x}" y="${y + 2}" width="12" height="12" rx="2" fill="${safeColor(item.color)}"/>`;
    svg += `<text x="${x + 18}" y="${y + 12}" fill="${TEXT}">${escapeXml(item.label)}</text>`;
    x += itemWidth;
  }
  return { svg: `<g class="chart-legend">${svg}</g>`, height: series.length ? y + 24 : 0 };
}

/**
 * Bars per category (e.g. per day), each stacked from its series (e.g. languages), with a y
 * axis, a legend and "no data" when everything is zero.
 */
export function stackedBarChart(options: StackedBarsOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 320;
  const left = 48;
  const right = 12;
  const plotWidth = width - left - right;
  const key = legend(options.series, left, plotWidth);
  const top = 8 + key.height + 8;
  const bottom = 28;
  const plotHeight = height - top - bottom;
  const n = options.categories.length;
  const totals = options.categories.map((_, i) => options.series.reduce((sum, series) => sum + (series.values[i] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const y = (value: number) => top + plotHeight - (value / scale.max) * plotHeight;

  let body = `<g transform="translate(0 8)">${key.svg}</g>`;
  // Grid and y axis labels.
  for (let tick = 0; tick <= scale.max; tick += scale.step) {
    const ty = y(tick).toFixed(1);
    body += `<line x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`;
    body += `<text x="${left - 6}" y="${ty}" dy="4" text-anchor="end" fill="${MUTED}">${fmt(tick)}</text>`;
  }
  const band = n ? plotWidth / n : plotWidth;
  const barWidth = Math.max(1, Math.min(36, band * 0.72));
  let bars = '';
  options.categories.forEach((category, i) => {
    const x = (left + i * band + (band - barWidth) / 2).toFixed(1);
    let base = 0;
    for (const series of options.series) {
      const value = series.values[i] ?? 0;
      if (value <= 0) continue;
      const y1 = y(base + value);
      const h = y(base) - y1;
      bars += `<rect x="${x}" y="${y1.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${safeColor(series.color)}"><title>${escapeXml(`${category} · ${series.label}: ${value} ${options.unit}`)}</title></rect>`;
      base += value;
    }
  });
  body += `<g class="chart-bars">${bars}</g>`;
  // Category labels, thinned out so they never overlap.
  const labelWidth = Math.max(...options.categories.map((category) => textWidth(category)), 1) + 8;
  const every = Math.max(1, Math.ceil(labelWidth / band));
  options.categories.forEach((category, i) => {
    if ((n - 1 - i) % every !== 0) return;
    const x = (left + i * band + band / 2).toFixed(1);
    body += `<text x="${x}" y="${height - 8}" text-anchor="middle" fill="${MUTED}">${escapeXml(category)}</text>`;
  });
  body += `<line x1="${left}" x2="${width - right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="${MUTED}" stroke-width="1"/>`;
  if (!totals.some((total) => total > 0)) body += `<text x="${left + plotWidth / 2}" y="${top + plotHeight / 2}" text-anchor="middle" fill="${MUTED}" font-size="14">No data in this period</text>`;
  return frame(options, width, height, body);
}

/** Below this width the labels go above the bars (phones), else to their left. */
const COMPACT_WIDTH = 480;

/** One bar per row, labelled on the left (or above, when narrow), the value (and note) after the bar. */
export function horizontalBarChart(options: HorizontalBarsOptions): string {
  const width = options.width ?? 760;
  const compact = width < COMPACT_WIDTH;
  const rowHeight = compact ? 44 : 28;
  const labelWidth = compact ? width - 8 : Math.min(280, Math.round(width * 0.38));
  const valueWidth = compact ? 112 : 130;
  const left = compact ? 4 : labelWidth + 12;
  const plotWidth = width - left - valueWidth;
  const format = options.format ?? fmt;
  const max = options.max ?? Math.max(0, ...options.bars.map((bar) => bar.value));
  const height = Math.max(1, options.bars.length) * rowHeight + 8;
  let body = '';
  options.bars.forEach((bar, i) => {
    const y = 4 + i * rowHeight;
    // The bar's top, and the baseline of the texts beside it.
    const barY = compact ? y + 22 : y + 5;
    const textY = barY + 13;
    const length = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (Math.min(bar.value, max) / max) * plotWidth) : 0;
    const value = `${format(bar.value)}${bar.note ? ` (${bar.note})` : ''}`;
    const label = fitLabel(bar.label, labelWidth);
    body +=
      `<g class="chart-row"><title>${escapeXml(`${bar.label}: ${value}`)}</title>` +
      (compact
        ? `<text x="${left}" y="${y + 15}" fill="${TEXT}">${escapeXml(label)}</text>`
        : `<text x="${labelWidth}" y="${textY}" text-anchor="end" fill="${TEXT}">${escapeXml(label)}</text>`) +
      `<rect x="${left}" y="${barY}" width="${plotWidth}" height="18" rx="3" fill="#eef1f5"/>` +
      `<rect x="${left}" y="${barY}" width="${length.toFixed(1)}" height="18" rx="3" fill="${safeColor(bar.color ?? options.color ?? PALETTE[0])}"/>` +
      `<text x="${left + plotWidth + 8}" y="${textY}" fill="${TEXT}">${escapeXml(value)}</text></g>`;
  });
  if (!options.bars.length) body += `<text x="${width / 2}" y="22" text-anchor="middle" fill="${MUTED}" font-size="14">No data in this period</text>`;
  return frame(options, width, Math.max(height, 36), body);
}
