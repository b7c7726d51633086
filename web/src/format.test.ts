import { describe, expect, it } from 'vitest';
import { decimalsOf, formatChange, formatDate, formatIndex, formatNumber, formatPoints, inferDecimals, rankBadgeText } from './format';

describe('Vietnamese number formatting', () => {
  it('uses a decimal comma', () => {
    expect(formatNumber(90.02)).toBe('90,02');
    expect(formatNumber(2.5)).toBe('2,5');
    expect(formatNumber(6)).toBe('6');
    expect(formatNumber(-0.17)).toBe('-0,17');
    expect(formatNumber(null)).toBe('—');
  });
  it('formats an index with at least 2 decimals or the framework decimals', () => {
    expect(formatIndex(90.02)).toBe('90,02');
    expect(formatIndex(91.989)).toBe('91,989');
    expect(formatIndex(90)).toBe('90,00');
    expect(formatIndex(86.6)).toBe('86,60');
    expect(formatIndex(91.989, 3)).toBe('91,989');
    expect(formatIndex(90.02, 3)).toBe('90,020');
    expect(formatIndex(0)).toBe('0,00');
  });
  it('rounds half away from zero', () => {
    expect(formatNumber(1.005, 2)).toBe('1,01');
    expect(formatNumber(-1.005, 2)).toBe('-1,01');
    expect(formatNumber(86.155, 2)).toBe('86,16');
  });
  it('signs changes', () => {
    expect(formatChange(5.55)).toBe('+5,55');
    expect(formatChange(-0.17)).toBe('-0,17');
    expect(formatChange(0)).toBe('0');
    expect(formatChange(null)).toBe('—');
  });
  it('writes points against the maximum', () => {
    expect(formatPoints(60.31, 70)).toBe('60,31/70');
    expect(formatPoints(0.25, 0.5)).toBe('0,25/0,5');
  });
  it('groups thousands with a dot from 10 000 up', () => {
    expect(formatNumber(1234)).toBe('1234');
    expect(formatNumber(12345.5)).toBe('12.345,5');
  });
  it('infers decimals', () => {
    expect(decimalsOf(91.989)).toBe(3);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(inferDecimals([90.02, 84.47, null])).toBe(2);
    expect(inferDecimals([91.989, 90])).toBe(3);
  });
});

describe('dates', () => {
  it('are dd/mm/yyyy', () => {
    expect(formatDate('2023-12-29')).toBe('29/12/2023');
    expect(formatDate(new Date(2024, 1, 3))).toBe('03/02/2024');
    expect(formatDate(null)).toBe('—');
  });
});

describe('rank badge text', () => {
  it('shows the rank, the group size and the change arrow', () => {
    expect(rankBadgeText({ rank: 16, of: 17, change: -2 })).toBe('16/17 ↓2');
    expect(rankBadgeText({ rank: 7, of: 22, change: 7 })).toBe('7/22 ↑7');
    expect(rankBadgeText({ rank: 14, of: 17, change: 0 })).toBe('14/17 =');
    expect(rankBadgeText({ rank: 16, of: 17, change: null })).toBe('16/17');
  });
});
