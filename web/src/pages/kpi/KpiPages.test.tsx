import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { KpiPage } from './KpiPages';
import type { UnitKpi, UnitKpis } from './kpiTypes';

function row(kpi: string, status: UnitKpi['status'], over: Partial<UnitKpi> = {}): UnitKpi {
  return {
    kpi, name: `Chỉ tiêu ${kpi}`, name_en: kpi, unit_of_measure: '%', measure: 'on_time_rate',
    target: { comparator: '>=', value: 95, scope: { field: 'dat-dai', department: null, procedure: null }, note: '', default: false },
    actual: { value: 91.48, source: 'dossiers', date: null, note: '', by: null, evidence: [] },
    status, computation: '91,48% < 95% (chỉ tiêu ≥ 95%) → chưa đạt', computation_en: 'x',
    drilldown: { unit: 'lakhe', year: 2024, counter: 'on_time', field: 'dat-dai' }, links: {}, ...over,
  };
}

function renderPage(role: string, canEdit: boolean) {
  const data: UnitKpis = {
    unit: { code: 'lakhe', name: 'Phường La Khê' }, year: 2024, as_of: '2024-12-31 23:59:59', can: { edit_targets: canEdit },
    kpis: [
      row('dung-han', 'not_met'),
      row('tin-bai', 'near', {
        measure: 'manual', unit_of_measure: 'bài', drilldown: null, computation: '52 bài < 60 bài → gần đạt',
        target: { comparator: '>=', value: 60, scope: { field: null, department: null, procedure: null }, note: '', default: true },
        actual: { value: 52, source: 'manual', date: '2024-12-31', note: '', by: 'vanphong.lakhe', evidence: [] },
      }),
    ],
  };
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      calls.push(url);
      const body = url.startsWith('/api/units/lakhe/kpis') ? data : { error: { code: 'not_found', message: 'x', details: [] } };
      return Promise.resolve(new Response(JSON.stringify(body), { status: url.startsWith('/api/units/lakhe/kpis') ? 200 : 404 }));
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['session'], {
    user: { username: 'u', display_name: 'u', role, unit: 'lakhe', groups: [], department: null },
    csrf_token: 'x', must_change_password: false,
  });
  render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={['/kpis?year=2024']}>
          <Routes>
            <Route path="/kpis" element={<KpiPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the unit KPI page', () => {
  it("shows the targets with their lights, scope, actual and computation; the coordinator's edit buttons", async () => {
    const calls = renderPage('coordinator', true);
    const actual = await screen.findByTestId('kpi-actual-dung-han');
    expect(calls).toContain('/api/units/lakhe/kpis?year=2024');
    expect(within(actual).getByRole('link').getAttribute('href')).toBe('/dossiers/list?unit=lakhe&year=2024&counter=on_time&field=dat-dai');
    expect(actual.textContent).toContain('91,48%');
    expect(screen.getByTestId('kpi-target-dung-han').textContent).toBe('≥ 95%');
    expect(screen.getByTestId('kpi-target-tin-bai').textContent).toBe('≥ 60 bàimặc định');
    expect(screen.getByTestId('kpi-actual-tin-bai').textContent).toBe('52 bàinhập tay 31/12/2024');
    expect(screen.getByTestId('kpi-computation-dung-han').textContent).toBe('91,48% < 95% (chỉ tiêu ≥ 95%) → chưa đạt');
    expect(screen.getByText('Lĩnh vực: dat-dai')).toBeInTheDocument();
    expect(screen.getByTestId('edit-target-dung-han')).toBeInTheDocument();
    expect(screen.getByTestId('enter-actual-tin-bai')).toBeInTheDocument();
  });
  it('has no edit buttons for a viewer', async () => {
    renderPage('viewer', false);
    await screen.findByTestId('kpi-actual-dung-han');
    expect(screen.queryByTestId('edit-target-dung-han')).toBeNull();
  });
});
