import { describe, expect, test } from 'vitest';
import type { HeatmapUnit } from '../../types';
import {
  bandLabel, bandOf, cellColours, codeLabel, counterLabel, dashboardHref, formatDays, formatDossierTime, formatMetric, formatRate,
  lateCounter, listHref, listTitle, METRIC_BANDS, metricCounter, monthsOf, NO_VALUE_COLOUR, onTimeCounter, parseListParams,
  periodLabel, shortMonth, worstFirst, yearChoices,
} from './dossierLogic';
import { makeDossierText } from './dossierText';

describe('period labels', () => {
  test('every kind of period key', () => {
    expect(periodLabel('2024-03')).toBe('Tháng 03/2024');
    expect(periodLabel('2024')).toBe('Năm 2024');
    expect(periodLabel('2024-Q1')).toBe('Quý 1/2024');
    expect(periodLabel('2024-W09')).toBe('Tuần 09/2024');
    expect(periodLabel('2024-03-05')).toBe('Ngày 05/03/2024');
    expect(periodLabel('2024-03', 'en')).toBe('March 2024');
    expect(periodLabel(null)).toBe('—');
    expect(periodLabel('later')).toBe('later');
  });
  test('short months and the months of a year', () => {
    expect(shortMonth('2024-11')).toBe('T11');
    expect(shortMonth('2024-02', 'en')).toBe('Feb');
    const months = monthsOf(2024);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2024-01');
    expect(months[11]).toBe('2024-12');
  });
});

describe('drill-down links', () => {
  test('a link keeps what is set, in a fixed order, and drops defaults', () => {
    expect(listHref({ unit: 'lakhe', year: 2024, period: '2024-03', counter: 'late' })).toBe(
      '/dossiers/list?unit=lakhe&year=2024&period=2024-03&counter=late',
    );
    expect(listHref({ unit: 'lakhe', year: 2024, counter: null, view: 'flow', page: 1 })).toBe('/dossiers/list?unit=lakhe&year=2024');
    expect(listHref({ unit: 'la khê', year: 2024, view: 'cohort', department: 'tư-pháp', page: 3 })).toBe(
      '/dossiers/list?unit=la%20kh%C3%AA&year=2024&view=cohort&department=t%C6%B0-ph%C3%A1p&page=3',
    );
  });
  test('a link reads back to the same parameters', () => {
    const href = listHref({ unit: 'lakhe', year: 2024, period: '2024-Q2', counter: 'supplement_2plus', procedure: '1.001234', page: 2 });
    const params = parseListParams(new URLSearchParams(href.split('?')[1]));
    expect(params).toMatchObject({ unit: 'lakhe', year: 2024, period: '2024-Q2', counter: 'supplement_2plus', procedure: '1.001234', page: 2 });
    expect(params?.department).toBeNull();
  });
  test('unit and year are required; a bad page is the first', () => {
    expect(parseListParams(new URLSearchParams('year=2024'))).toBeNull();
    expect(parseListParams(new URLSearchParams('unit=lakhe&year=abc'))).toBeNull();
    expect(parseListParams(new URLSearchParams('unit=lakhe&year=2024&page=-2'))?.page).toBe(1);
  });
  test('the dashboard of one’s own unit is /dossiers', () => {
    expect(dashboardHref('lakhe', 2024, 'lakhe')).toBe('/dossiers?year=2024');
    expect(dashboardHref('vanquan', 2024, null)).toBe('/units/vanquan/dossiers?year=2024');
    expect(dashboardHref('vanquan', null, 'lakhe')).toBe('/units/vanquan/dossiers');
  });
  test('the counters behind the rates follow the denominator', () => {
    expect(onTimeCounter('processed_in_period')).toBe('on_time');
    expect(onTimeCounter('due_in_period')).toBe('due_on_time');
    expect(onTimeCounter(undefined)).toBe('on_time');
    expect(lateCounter('due_in_period')).toBe('due_late');
    expect(lateCounter('to_process')).toBe('late');
    expect(metricCounter('online_full_share')).toBe('online_full');
  });
});

describe('titles and labels', () => {
  test('the list title says which number it is', () => {
    expect(listTitle({ counter: 'late', period: '2024-03', year: 2024 }, 'Phường La Khê', 37)).toBe(
      'Trễ hạn — Tháng 03/2024 — Phường La Khê: 37 hồ sơ',
    );
    expect(listTitle({ counter: null, period: null, year: 2024 }, 'Phường La Khê', 12345, ['Phòng ban: Tư pháp'])).toBe(
      'Hồ sơ tiếp nhận — Năm 2024 — Phòng ban: Tư pháp — Phường La Khê: 12.345 hồ sơ',
    );
    expect(listTitle({ counter: 'late', period: '2024-03', year: 2024 }, 'La Khe', 1, [], 'en')).toBe('Late — March 2024 — La Khe: 1 dossier');
    expect(listTitle({ counter: 'late', period: null, year: 2024 }, 'X', null)).toBe('Trễ hạn — Năm 2024 — X');
  });
  test('channel and status labels: the server’s Vietnamese name, English by code', () => {
    expect(codeLabel({ code: 'online_full', name: 'Trực tuyến toàn trình' })).toBe('Trực tuyến toàn trình');
    expect(codeLabel({ code: 'online_full', name: 'Trực tuyến toàn trình' }, 'en')).toBe('Fully online');
    expect(codeLabel({ code: 'other', name: 'Khác' }, 'en')).toBe('Khác');
    expect(codeLabel(null)).toBe('');
  });
  test('counter labels, unknown counters by name', () => {
    expect(counterLabel('late_without_apology')).toBe('Trễ hạn không có thư xin lỗi');
    expect(counterLabel('supplement_2plus', 'en')).toBe('Two or more supplement requests');
    expect(counterLabel('something_new')).toBe('something_new');
  });
  test('numbers with a decimal comma, times dd/mm/yyyy hh:mm', () => {
    expect(formatRate(95.125)).toBe('95,13 %');
    expect(formatRate(100)).toBe('100,00 %');
    expect(formatRate(null)).toBe('—');
    expect(formatDays(3.25)).toBe('3,3');
    expect(formatDossierTime('2024-03-05 14:07:00')).toBe('05/03/2024 14:07');
    expect(formatDossierTime('2024-12-31T23:59:59')).toBe('31/12/2024 23:59');
    expect(formatDossierTime(null)).toBe('');
  });
  test('the dossier texts substitute every variable, in both languages', () => {
    const vi = makeDossierText('vi');
    expect(vi('seeAll', { n: '1.234' })).toBe('Xem tất cả (1.234)');
    expect(makeDossierText('en')('dashboardTitleYear', { year: 2024 })).toBe('Administrative procedure dossiers, 2024');
  });
});

describe('the heat map colour scale', () => {
  test('on-time bands, bounds inclusive below', () => {
    expect(bandOf('on_time_rate', 99)?.colour).toBe(METRIC_BANDS.on_time_rate[0].colour);
    expect(bandOf('on_time_rate', 98.999)?.colour).toBe(METRIC_BANDS.on_time_rate[1].colour);
    expect(bandOf('on_time_rate', 95)?.colour).toBe(METRIC_BANDS.on_time_rate[1].colour);
    expect(bandOf('on_time_rate', 94.9)?.colour).toBe(METRIC_BANDS.on_time_rate[2].colour);
    expect(bandOf('on_time_rate', 0)?.colour).toBe(METRIC_BANDS.on_time_rate[4].colour);
    expect(bandOf('on_time_rate', null)).toBeNull();
  });
  test('every value falls in exactly one band, for every metric', () => {
    for (const metric of ['on_time_rate', 'online_full_share', 'late_without_apology'] as const) {
      for (let v = 0; v <= 100; v += 0.25) {
        const hits = METRIC_BANDS[metric].filter((b) => (b.from === null || v >= b.from) && (b.to === null || v < b.to));
        expect(hits.length, `${metric} ${v}`).toBe(1);
      }
    }
  });
  test('late without apology: none is green, any is not', () => {
    expect(bandOf('late_without_apology', 0)?.colour).toBe('#237804');
    expect(bandOf('late_without_apology', 0.01)?.colour).not.toBe('#237804');
    expect(bandOf('late_without_apology', 2)?.colour).toBe('#cf1322');
  });
  test('no value is grey; legend labels', () => {
    expect(cellColours('on_time_rate', undefined).background).toBe(NO_VALUE_COLOUR);
    expect(METRIC_BANDS.on_time_rate.map((b) => bandLabel(b))).toEqual(['≥ 99 %', '95 – 99 %', '90 – 95 %', '80 – 90 %', '< 80 %']);
    expect(bandLabel(METRIC_BANDS.late_without_apology[0])).toBe('0 %');
    expect(bandLabel(METRIC_BANDS.late_without_apology[1])).toBe('> 0 – 0,5 %');
    expect(formatMetric('on_time_rate', 93.456)).toBe('93,5');
    expect(formatMetric('late_without_apology', 0.125)).toBe('0,13');
    expect(formatMetric('online_full_share', null)).toBe('—');
  });
  test('worst first: lowest value, then no value last, ties by Vietnamese name', () => {
    const unit = (name: string, year_value: number | null): HeatmapUnit => ({ code: name, name, year_value, received: 1, cells: [] });
    const sorted = worstFirst([unit('Phường Yên Nghĩa', 97), unit('Phường Đồng Mai', null), unit('Phường Biên Giang', 92), unit('Phường An Khánh', 92)]);
    expect(sorted.map((u) => u.name)).toEqual(['Phường An Khánh', 'Phường Biên Giang', 'Phường Yên Nghĩa', 'Phường Đồng Mai']);
    expect(worstFirst([unit('A', 1), unit('B', 5)], true).map((u) => u.name)).toEqual(['B', 'A']);
  });
  test('year choices from this year back to 2019, with the one shown', () => {
    expect(yearChoices(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    expect(yearChoices(2020, 2015)).toEqual([2020, 2019, 2015]);
  });
});
