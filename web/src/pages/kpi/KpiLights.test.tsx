import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { KpiLights } from './KpiLights';
import { drilldownHref, formatKpiValue, formatTarget, parseKpiNumber, parseVietnameseDate, sortOverviewUnits, worstFirst } from './kpiLogic';
import type { UnitKpi, UnitKpis } from './kpiTypes';

function kpi(code: string, status: UnitKpi['status'], actual: number | null, over: Partial<UnitKpi> = {}): UnitKpi {
  return {
    kpi: code, name: `Chỉ tiêu ${code}`, name_en: code, unit_of_measure: '%', measure: 'on_time_rate',
    target: { comparator: '>=', value: 95, scope: { field: null, department: null, procedure: null }, note: '', default: true },
    actual: actual === null ? null : { value: actual, source: 'dossiers', date: null, note: '', by: null, evidence: [] },
    status, computation: 'x', computation_en: 'x', drilldown: { unit: 'lakhe', year: 2024, counter: 'on_time' }, links: {}, ...over,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('kpi logic', () => {
  it('formats values and targets with a decimal comma', () => {
    expect(formatKpiValue(96.125, '%')).toBe('96,125%');
    expect(formatKpiValue(3, 'hồ sơ')).toBe('3 hồ sơ');
    expect(formatKpiValue(null, '%')).toBe('—');
    expect(formatTarget('<=', 0, 'hồ sơ')).toBe('≤ 0 hồ sơ');
  });
  it('links to the drill-down list with the scope', () => {
    expect(drilldownHref({ unit: 'lakhe', year: 2024, counter: 'on_time', field: 'dat-dai' })).toBe(
      '/dossiers/list?unit=lakhe&year=2024&counter=on_time&field=dat-dai',
    );
    expect(drilldownHref(null)).toBeNull();
  });
  it('orders worst first', () => {
    const order = worstFirst([kpi('a', 'met', 99), kpi('b', 'no_data', null), kpi('c', 'not_met', 80), kpi('d', 'near', 94)]);
    expect(order.map((k) => k.kpi)).toEqual(['c', 'd', 'b', 'a']);
    const units = sortOverviewUnits([
      { code: 'x', name: 'Phường Yên Nghĩa', counts: { met: 3, near: 0, not_met: 1, no_data: 0 }, cells: [] },
      { code: 'y', name: 'Phường Ất', counts: { met: 1, near: 1, not_met: 2, no_data: 0 }, cells: [] },
      { code: 'z', name: 'Phường Bình', counts: { met: 3, near: 0, not_met: 1, no_data: 0 }, cells: [] },
    ]);
    expect(units.map((u) => u.code)).toEqual(['y', 'z', 'x']);
  });
  it('reads numbers and dd/mm/yyyy dates', () => {
    expect(parseKpiNumber('95,5')).toBe(95.5);
    expect(parseKpiNumber('abc')).toBeNull();
    expect(parseVietnameseDate('31/12/2024')).toBe('2024-12-31');
    expect(parseVietnameseDate('30/02/2024')).toBeNull();
  });
});

describe('KpiLights', () => {
  it('shows a dot, the actual against the target and the link, worst first', async () => {
    const data: UnitKpis = {
      unit: { code: 'lakhe', name: 'Phường La Khê' }, year: 2024, as_of: '2024-12-31 23:59:59', can: { edit_targets: false },
      kpis: [kpi('dung-han', 'met', 96.125), kpi('toan-trinh', 'not_met', 62.4, { drilldown: null })],
    };
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(data), { status: 200 }));
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <KpiLights unit="lakhe" year={2024} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const rows = await screen.findAllByTestId('kpi-light');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/units/lakhe/kpis?year=2024');
    expect(rows.map((r) => r.getAttribute('data-kpi'))).toEqual(['toan-trinh', 'dung-han']);
    expect(within(rows[1]).getByTestId('kpi-light-actual').textContent).toBe('96,125%');
    expect(rows[1].textContent).toContain('≥ 95%');
    expect(within(rows[1]).getByTestId('kpi-light-link').getAttribute('href')).toBe('/dossiers/list?unit=lakhe&year=2024&counter=on_time');
    expect(within(rows[0]).queryByTestId('kpi-light-link')).toBeNull();
    expect(within(rows[0]).getByTestId('kpi-dot').getAttribute('data-status')).toBe('not_met');
  });
});

describe('SuggestedScore', () => {
  it('types the points as a self score is typed', async () => {
    const { suggestedText } = await import('./SuggestedScore');
    expect(suggestedText(0.93)).toBe('0,93');
    expect(suggestedText(2)).toBe('2');
    expect(suggestedText(1.5)).toBe('1,5');
  });
  it('shows the computation and fills the score on "Dùng điểm gợi ý"', async () => {
    const { SuggestedScore } = await import('./SuggestedScore');
    const used: string[] = [];
    render(
      <SuggestedScore
        suggestion={{
          node: '3.2', kpi: 'dung-han', kpi_name: 'Đúng hạn', method: 'thresholds', actual: 91.48, target: 95, comparator: '>=',
          max: 2, points: 1, computation: 'Đúng hạn 91,48% ≥ ngưỡng 90% → 1,000/2,000 điểm', computation_en: 'x',
        }}
        onUse={(text) => used.push(text)}
      />,
    );
    expect(screen.getByTestId('suggestion-points-3.2').textContent).toBe('1');
    expect(screen.getByTestId('suggestion-computation-3.2').textContent).toContain('→ 1,000/2,000 điểm');
    screen.getByTestId('use-suggestion-3.2').click();
    expect(used).toEqual(['1']);
  });
});
