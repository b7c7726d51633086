import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider as BaseI18nProvider, type Lang } from '../i18n';
import { LostPointsTable } from './LostPointsTable';
import { RankBadge } from './RankBadge';
import { DemoBanner } from './DemoBanner';
import lakhe from '../__fixtures__/results-lakhe-2023.json';
import type { Results } from '../types';

const results = lakhe as unknown as Results;

/** Vietnamese UI with a query client holding "not logged in", so that nothing is fetched. */
function I18nProvider({ children, lang }: { children: ReactNode; lang: Lang }) {
  const client = new QueryClient();
  client.setQueryData(['session'], null);
  return (
    <QueryClientProvider client={client}>
      <BaseI18nProvider lang={lang}>{children}</BaseI18nProvider>
    </QueryClientProvider>
  );
}

describe('LostPointsTable', () => {
  it('renders the 14 rows of La Khê 2023 (seed 000), largest loss first', () => {
    render(
      <I18nProvider lang="vi">
        <LostPointsTable rows={results.lost_points} />
      </I18nProvider>,
    );
    const table = screen.getByTestId('lost-points-table');
    const rows = within(table).getAllByRole('row').filter((r) => r.classList.contains('ant-table-row'));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toHaveTextContent('1.6');
    expect(rows[0]).toHaveTextContent('0/2');
    expect(rows[0]).toHaveTextContent('-2');
    expect(rows[0]).toHaveTextContent('Sáng kiến không được công nhận');
    expect(within(table).getAllByText('Nội dung tiêu chí').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('Trách nhiệm tham mưu').length).toBeGreaterThan(0);
    const survey = rows.find((r) => r.textContent?.includes('29,71/30'));
    expect(survey).toBeDefined();
    expect(survey).toHaveTextContent('-0,29');
  });
});

describe('RankBadge', () => {
  it('shows "16/17 ↓2" for La Khê in the Hà Đông wards', () => {
    render(
      <I18nProvider lang="vi">
        <RankBadge rank={results.ranks[0]} />
      </I18nProvider>,
    );
    const badge = screen.getByTestId('rank-badge');
    expect(badge).toHaveTextContent('16/17 ↓2');
    expect(badge).toHaveTextContent('Các phường quận Hà Đông');
  });
});

describe('DemoBanner', () => {
  it('says "Dữ liệu mẫu" when shown and nothing otherwise', () => {
    const { rerender } = render(
      <I18nProvider lang="vi">
        <DemoBanner show />
      </I18nProvider>,
    );
    expect(screen.getByText('Dữ liệu mẫu')).toBeInTheDocument();
    rerender(
      <I18nProvider lang="vi">
        <DemoBanner show={false} />
      </I18nProvider>,
    );
    expect(screen.queryByText('Dữ liệu mẫu')).toBeNull();
  });
});
