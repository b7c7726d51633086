import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './RankingPage';
import { buildTree } from './FrameworkPage';
import { rankingXlsxUrl, resultsXlsxUrl } from '../api';
import hadong from '../__fixtures__/framework-hadong-2023.json';
import type { Framework } from '../types';

describe('ranking search', () => {
  it('ignores case and Vietnamese diacritics', () => {
    expect(foldVietnamese('Phường La Khê')).toBe('phuong la khe');
    expect(foldVietnamese('Đông')).toBe('dong');
  });
});

describe('framework tree', () => {
  it('nests the criteria under their areas', () => {
    const tree = buildTree((hadong as unknown as Framework).nodes);
    expect(tree.map((n) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(tree[0].children?.map((n) => n.code)).toContain('1.6');
  });
});

describe('Excel downloads', () => {
  it('point at the results and ranking workbooks of the year', () => {
    expect(resultsXlsxUrl('lakhe', 2023)).toBe('/api/units/lakhe/results.xlsx?year=2023');
    expect(rankingXlsxUrl('hadong-wards', 2023)).toBe('/api/groups/hadong-wards/ranking.xlsx?year=2023');
    expect(resultsXlsxUrl('xã 1', 2024)).toBe('/api/units/x%C3%A3%201/results.xlsx?year=2024');
  });
});
