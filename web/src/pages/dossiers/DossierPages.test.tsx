import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { DossierItem, DossierStats, DossierStatsRow, Session } from '../../types';

// The chart is not drawn in jsdom.
vi.mock('../../components/Chart', () => ({ Chart: ({ ariaLabel }: { ariaLabel: string }) => <div role="img" aria-label={ariaLabel} /> }));

const { DossiersPage } = await import('./DossiersPage');
const { DossierListPage } = await import('./DossierListPage');

function session(role: string, unit: string | null): Session {
  return { user: { username: 'u', display_name: 'U', role, unit, groups: [], department: null }, csrf_token: 'x', must_change_password: false };
}

function row(period: string | null, counters: Record<string, number>, onTime: number | null): DossierStatsRow {
  return {
    key: null,
    period,
    counters,
    rates: { on_time: onTime, early: 20, late: 4.5, online_full_share: 70.25, online_partial_share: 10, postal_share: 2, average_processing_days: 2.25 },
  };
}

const stats: DossierStats = {
  unit: { code: 'lakhe', name: 'Phường La Khê' },
  year: 2024,
  period: 'month',
  view: 'flow',
  by: null,
  as_of: '2024-12-31 23:59:59',
  definition: { code: 'default', version: 1, name: 'Mặc định (CONVENTIONS.md)', denominator: 'processed_in_period' },
  total: row(null, { received: 12345, processed: 12000, on_time: 11460, early: 3000, late: 540, late_without_apology: 7, open_overdue: 3, supplement_2plus: 11 }, 95.5),
  rows: [row('2024-01', { received: 1000, processed: 990, late: 37 }, 96.263), row('2024-02', { received: 900, processed: 880, late: 12 }, 98.636)],
};

function dossier(id: string): DossierItem {
  return {
    id, unit: 'lakhe', department: { code: 'tp', name: 'Tư pháp – Hộ tịch' }, procedure: '1.001193', procedure_name: 'Đăng ký khai sinh',
    field: 'ho-tich', field_name: 'Hộ tịch', channel: { code: 'online_full', name: 'Trực tuyến toàn trình' },
    status: { code: 'finished', name: 'Đã giải quyết' }, received: '2024-03-05 08:10:00', due: '2024-03-06 08:10:00',
    finished: '2024-03-07 14:07:00', returned: null, supplement_requests: 0, apology_letters: 0, timeliness: 'late', open_state: null, processing_days: 2.25,
  };
}

function renderAt(path: string, who: Session, answer: (url: string) => { status: number; body: unknown }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      calls.push(url);
      const a = url.startsWith('/api/dossiers') ? answer(url) : url.startsWith('/api/units') && !url.includes('kpis') ? { status: 200, body: { units: [{ code: 'lakhe', name: 'Phường La Khê' }] } } : { status: 403, body: { error: { code: 'forbidden', message: 'x' } } };
      return Promise.resolve(new Response(JSON.stringify(a.body), { status: a.status }));
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['session'], who);
  render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/dossiers" element={<DossiersPage />} />
            <Route path="/units/:code/dossiers" element={<DossiersPage />} />
            <Route path="/dossiers/list" element={<DossierListPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the dossier dashboard', () => {
  it('shows the year’s figures with a decimal comma, each a link to its list', async () => {
    const calls = renderAt('/dossiers?year=2024', session('coordinator', 'lakhe'), (url) =>
      url.startsWith('/api/dossiers/stats') ? { status: 200, body: url.includes('by=') ? { ...stats, rows: [] } : stats } : { status: 200, body: { total: 0, offset: 0, limit: 5, dossiers: [] } },
    );
    const late = await screen.findByTestId('card-late', {}, { timeout: 30_000 });
    expect(late).toHaveTextContent('540');
    expect(late.getAttribute('href')).toBe('/dossiers/list?unit=lakhe&year=2024&counter=late');
    expect(screen.getByTestId('card-received')).toHaveTextContent('12.345');
    expect(screen.getByTestId('card-on-time-rate')).toHaveTextContent('95,50 %');
    expect(screen.getByTestId('card-on-time-rate').getAttribute('href')).toBe('/dossiers/list?unit=lakhe&year=2024&counter=on_time');
    expect(screen.getByTestId('card-average-days')).toHaveTextContent('2,3 ngày');
    expect(screen.getByTestId('dossier-definition')).toHaveTextContent('mẫu số tỷ lệ đúng hạn: số hồ sơ đã giải quyết trong kỳ');
    const january = screen.getByTestId('month-row-2024-01');
    expect(within(january).getByTestId('cell-late').getAttribute('href')).toBe('/dossiers/list?unit=lakhe&year=2024&period=2024-01&counter=late');
    expect(within(january).getByTestId('cell-on-time')).toHaveTextContent('96,26 %');
    expect(calls.some((u) => u.startsWith('/api/dossiers/stats?unit=lakhe&year=2024&period=month'))).toBe(true);
  }, 60_000);

  it('tells when the unit has no dossiers in the year', async () => {
    const empty = { ...stats, total: row(null, { received: 0 }, null), rows: [] };
    renderAt('/dossiers?year=2023', session('viewer', 'lakhe'), () => ({ status: 200, body: { ...empty, year: 2023 } }));
    expect(await screen.findByText('Chưa có hồ sơ nào của đơn vị trong năm 2023.')).toBeInTheDocument();
  }, 60_000);
});

describe('the drill-down list', () => {
  it('says which number it is and asks the page it shows', async () => {
    const calls = renderAt('/dossiers/list?unit=lakhe&year=2024&period=2024-03&counter=late&page=2', session('coordinator', 'lakhe'), () => ({
      status: 200,
      body: { total: 137, offset: 50, limit: 50, dossiers: [dossier('LK-1'), dossier('LK-2')] },
    }));
    expect(await screen.findByText('Trễ hạn — Tháng 03/2024 — Phường La Khê: 137 hồ sơ')).toBeInTheDocument();
    const first = await screen.findByTestId('dossier-row-LK-1');
    expect(first).toHaveTextContent('Đăng ký khai sinh');
    expect(first).toHaveTextContent('07/03/2024 14:07');
    expect(within(first).getByTestId('dossier-timeliness')).toHaveTextContent('Trễ hạn');
    expect(calls.some((u) => u === '/api/dossiers?unit=lakhe&year=2024&period=2024-03&counter=late&offset=50&limit=50')).toBe(true);
    expect(screen.getByTestId('dossier-list-back').getAttribute('href')).toBe('/dossiers?year=2024');
  }, 60_000);
});
