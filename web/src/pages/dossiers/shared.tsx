// Pieces shared by the dossier screens: the queries, the year probe, the unit and year selectors, number links.
import type { ReactNode } from 'react';
import { Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, dossierApi, type DossierQuery } from '../../api';
import type { DossierStats, HeatmapMetric } from '../../types';
import { yearChoices } from './dossierLogic';
import { useDossierText } from './dossierText';
import './dossiers.css';

export function useDossierStats(q: DossierQuery | null) {
  return useQuery({
    queryKey: ['dossier-stats', q],
    queryFn: () => dossierApi.stats(q!),
    enabled: q !== null,
    retry: false,
    staleTime: 60_000,
  });
}

export function useDossierList(q: DossierQuery | null) {
  return useQuery({
    queryKey: ['dossier-list', q],
    queryFn: () => dossierApi.list(q!),
    enabled: q !== null,
    retry: false,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useHeatmap(year: number | null, metric: HeatmapMetric = 'on_time_rate') {
  return useQuery({
    queryKey: ['dossier-heatmap', year, metric],
    queryFn: () => dossierApi.heatmap(year!, metric),
    enabled: year !== null,
    retry: false,
    staleTime: 60_000,
  });
}

/** Whether a year's statistics hold any dossier. */
function hasDossiers(stats: DossierStats | null): boolean {
  return Boolean(stats && (stats.total?.counters?.received ?? 0) > 0);
}

const thisYear = () => new Date().getFullYear();

/**
 * The latest year in which the unit has dossiers: this year, then the years before (down to 2019); this year
 * when none has any. Only asked when no year is given in the address.
 */
export function useLatestDossierYear(unit: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['dossier-latest-year', unit],
    queryFn: async () => {
      for (const year of yearChoices(thisYear())) {
        try {
          const stats = await dossierApi.stats({ unit: unit!, year, period: 'year' });
          if (hasDossiers(stats)) return year;
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 400)) continue;
          throw error;
        }
      }
      return thisYear();
    },
    enabled: Boolean(unit) && enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** The latest year in which any unit the caller may read has dossiers (the heat map's default year). */
export function useLatestHeatmapYear(enabled: boolean) {
  return useQuery({
    queryKey: ['dossier-heatmap-latest-year'],
    queryFn: async () => {
      for (const year of yearChoices(thisYear())) {
        try {
          const map = await dossierApi.heatmap(year);
          if (map.units.length > 0) return year;
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 400)) continue;
          throw error;
        }
      }
      return thisYear();
    },
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { d } = useDossierText();
  return (
    <Select
      value={year}
      onChange={onChange}
      options={yearChoices(thisYear(), year).map((y) => ({ value: y, label: String(y) }))}
      style={{ width: 96 }}
      aria-label={d('year')}
      data-testid="dossier-year"
    />
  );
}

/** The units the caller may read that have dossiers in the year (from the heat map), for overseers. */
export function UnitSelect({ year, unit, onChange, extra }: { year: number; unit: string | null; onChange: (code: string) => void; extra?: { code: string; name: string } }) {
  const { d } = useDossierText();
  const map = useHeatmap(year);
  const options = [...(map.data?.units ?? []).map((u) => ({ value: u.code, label: u.name }))];
  if (extra && !options.some((o) => o.value === extra.code)) options.unshift({ value: extra.code, label: extra.name });
  options.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={unit ?? undefined}
      placeholder={d('chooseUnit')}
      onChange={onChange}
      loading={map.isLoading}
      options={options}
      className="dossier-unit-select"
      aria-label={d('unit')}
      data-testid="dossier-unit"
    />
  );
}

/** A number that opens the list of dossiers behind it. */
export function NumberLink({ to, testId, children }: { to: string; testId?: string; children: ReactNode }) {
  return (
    <Link to={to} data-testid={testId} className="number-link">
      {children}
    </Link>
  );
}

export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <Space wrap size="small" className="dossier-toolbar">
      {children}
    </Space>
  );
}
