import { afterEach, describe, expect, it, vi } from 'vitest';
import { candidateYears, firstYearWithResults } from './auth';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('the year a unit dashboard opens on', () => {
  it('tries the year before, then the earlier group-years, latest first', () => {
    expect(candidateYears(2024, [2023, 2024])).toEqual([2023]);
    expect(candidateYears(2024, [2024, 2021, 2022])).toEqual([2023, 2022, 2021]);
    expect(candidateYears(2025, [2023, 2020], 2)).toEqual([2024, 2023]);
  });

  it('skips years answered 404 and keeps the results of the year found', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (path: string) => {
      asked.push(path);
      return path.includes('year=2024')
        ? answer(404, { error: { code: 'not_found', message: 'Đơn vị Phường La Khê chưa có kết quả đánh giá năm 2024' } })
        : answer(200, { unit: 'lakhe', year: 2023, index: 90.02 });
    }));
    const kept: number[] = [];
    expect(await firstYearWithResults('lakhe', [2024, 2023, 2022], (y) => kept.push(y))).toBe(2023);
    expect(asked).toEqual(['/api/units/lakhe/results?year=2024', '/api/units/lakhe/results?year=2023']);
    expect(kept).toEqual([2023]);
  });

  it('answers null when no year has results and throws other errors', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(404, { error: { code: 'not_found', message: 'không có' } })));
    expect(await firstYearWithResults('lakhe', [2024, 2023])).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => answer(403, { error: { code: 'forbidden', message: 'không được phép' } })));
    await expect(firstYearWithResults('baolam', [2024])).rejects.toMatchObject({ status: 403 });
  });
});
