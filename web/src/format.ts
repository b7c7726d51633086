// Vietnamese number and date formatting: decimal comma (90,02), dates dd/mm/yyyy.
import type { Rank } from './types';

/** Number of decimals in the shortest decimal text of a JS number (90.02 → 2, 6 → 0). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = String(Math.abs(value));
  if (text.includes('e')) {
    const [mantissa, exp] = text.split('e');
    const frac = mantissa.split('.')[1]?.length ?? 0;
    return Math.max(0, frac - Number(exp));
  }
  return text.split('.')[1]?.length ?? 0;
}

const EMPTY = '—';

/** Groups the integer digits with a dot (Vietnamese), only from 10 000 up, as official tables do. */
function groupThousands(digits: string): string {
  if (digits.length <= 4) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Formats a number with a decimal comma. Without `decimals`, as many decimals as the value has
 * (2.5 → "2,5", 60.31 → "60,31", 6 → "6"). Negative numbers use a hyphen-minus: "-0,17".
 */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY;
  const places = decimals ?? Math.min(decimalsOf(value), 6);
  // Round half away from zero on the decimal text, as the server does, not on the binary value.
  const factor = 10 ** places;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9) / factor;
  const fixed = Math.abs(rounded).toFixed(places);
  const [intPart, fracPart] = fixed.split('.');
  const sign = rounded < 0 ? '-' : '';
  return sign + groupThousands(intPart) + (fracPart ? ',' + fracPart : '');
}

/**
 * Formats an index with the framework's display decimals; without them, with the value's own
 * decimals but at least 2 (90.02 → "90,02", 91.989 → "91,989", 90 → "90,00").
 */
export function formatIndex(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return EMPTY;
  return formatNumber(value, decimals ?? Math.max(2, decimalsOf(value)));
}

/** A signed change: "+5,55", "-0,17", "0". */
export function formatChange(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return EMPTY;
  const text = formatNumber(value, decimals);
  return value > 0 ? '+' + text : text;
}

/** Points against a maximum: "60,31/70". */
export function formatPoints(points: number | null | undefined, max: number | null | undefined): string {
  return `${formatNumber(points)}/${formatNumber(max)}`;
}

/** Infers display decimals from a set of index values: at least 2, 3 when any value has 3. */
export function inferDecimals(values: Array<number | null | undefined>): number {
  let decimals = 2;
  for (const v of values) if (typeof v === 'number') decimals = Math.max(decimals, Math.min(decimalsOf(v), 3));
  return decimals;
}

/** dd/mm/yyyy from a Date, an ISO date or date-time string. */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  let date: Date;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
    date = new Date(value);
  } else {
    date = value;
  }
  if (Number.isNaN(date.getTime())) return String(value);
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getFullYear()}`;
}

/** The arrow for a rank change (previous rank − current rank): ↑ better, ↓ worse, = same. */
export function rankChangeText(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '=';
}

/** The rank badge text: "16/17 ↓2", "7/22 ↑7", "14/17 =", "16/17". */
export function rankBadgeText(rank: Pick<Rank, 'rank' | 'of' | 'change'>): string {
  const base = `${rank.rank ?? EMPTY}/${rank.of ?? EMPTY}`;
  const arrow = rankChangeText(rank.change);
  return arrow ? `${base} ${arrow}` : base;
}
