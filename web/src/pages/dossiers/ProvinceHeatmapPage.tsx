// /dossiers/province — the heat map of units × months (issue 5 §7): colour by on-time rate (or the fully online
// share, or late dossiers without an apology), worst units first, each cell a link to the unit's dossiers of the
// month; appraisers and administrators see the units they may read, unit roles their own unit.
import { Card, Empty, Segmented, Skeleton, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format';
import type { HeatmapMetric, HeatmapUnit } from '../../types';
import { useSession } from '../../auth';
import {
  bandLabel, cellColours, dashboardHref, formatMetric, listHref, METRIC_BANDS, metricCounter, NO_VALUE_COLOUR,
  periodLabel, shortMonth,
} from './dossierLogic';
import { useDossierText, type DossierTranslate } from './dossierText';
import { Toolbar, useHeatmap, useLatestHeatmapYear, YearSelect } from './shared';

const METRICS: HeatmapMetric[] = ['on_time_rate', 'online_full_share', 'late_without_apology'];

function Legend({ metric, d }: { metric: HeatmapMetric; d: DossierTranslate }) {
  return (
    <div className="heatmap-legend" data-testid="heatmap-legend" aria-label={d('legend')}>
      <span className="muted">{d('legend')}:</span>
      {METRIC_BANDS[metric].map((band) => (
        <span key={`${band.from}-${band.to}`} className="legend-item">
          <span className="legend-swatch" style={{ background: band.colour }} />
          {bandLabel(band)}
        </span>
      ))}
      <span className="legend-item">
        <span className="legend-swatch" style={{ background: NO_VALUE_COLOUR }} />
        {d('noValue')}
      </span>
    </div>
  );
}

function HeatmapRow({ unit, months, metric, year, ownUnit }: { unit: HeatmapUnit; months: string[]; metric: HeatmapMetric; year: number; ownUnit: string | null }) {
  const { d, lang } = useDossierText();
  const cells = new Map(unit.cells.map((c) => [c.month, c]));
  const yearColours = cellColours(metric, unit.year_value);
  return (
    <tr data-testid={`heatmap-row-${unit.code}`}>
      <th scope="row" className="heatmap-unit">
        <Link to={dashboardHref(unit.code, year, ownUnit)} data-testid="heatmap-unit">
          {unit.name}
        </Link>
      </th>
      <td className="heatmap-year" style={yearColours} data-testid="heatmap-year-value">
        {formatMetric(metric, unit.year_value)}
      </td>
      {months.map((month) => {
        const cell = cells.get(month);
        const colours = cellColours(metric, cell?.value);
        const title = cell
          ? d('cellTitle', {
              unit: unit.name,
              month: periodLabel(month, lang),
              value: formatMetric(metric, cell.value),
              numerator: formatNumber(cell.numerator),
              denominator: formatNumber(cell.denominator),
              received: formatNumber(cell.received),
            })
          : `${unit.name} — ${periodLabel(month, lang)}: ${d('noValue')}`;
        return (
          <td key={month} className="heatmap-cell" style={colours} title={title}>
            {cell && cell.received > 0 ? (
              <Link
                to={listHref({ unit: unit.code, year, period: month, view: 'cohort', counter: metricCounter(metric) })}
                style={{ color: colours.color }}
                aria-label={title}
                data-testid={`heatmap-cell-${month}`}
              >
                {formatMetric(metric, cell.value)}
              </Link>
            ) : (
              <span data-testid={`heatmap-cell-${month}`}>{cell ? formatMetric(metric, cell.value) : ''}</span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

export function ProvinceHeatmapPage() {
  const { d, lang } = useDossierText();
  const [params, setParams] = useSearchParams();
  const { data: session } = useSession();
  const asked = Number(params.get('year'));
  const latest = useLatestHeatmapYear(!asked);
  const year = asked || latest.data || null;
  const metric = (METRICS.includes(params.get('metric') as HeatmapMetric) ? params.get('metric') : 'on_time_rate') as HeatmapMetric;
  const map = useHeatmap(year, metric);

  const set = (key: string, value: string) => {
    const copy = new URLSearchParams(params);
    copy.set(key, value);
    if (key === 'year' || !copy.get('year')) copy.set('year', String(key === 'year' ? value : year));
    setParams(copy);
  };

  if (!year) return latest.error ? <ErrorAlert error={latest.error} /> : <Skeleton active paragraph={{ rows: 8 }} />;
  const months = map.data?.months ?? [];

  return (
    <div className="dossier-page" data-testid="heatmap-page">
      <div className="page-header">
        <Space direction="vertical" size={0} className="dossier-heading">
          <Typography.Title level={3} className="page-title" data-testid="heatmap-title">
            {d('provinceTitle', { year })}
          </Typography.Title>
          <Typography.Text type="secondary" className="small">
            {d('heatmapHint')}
          </Typography.Text>
        </Space>
        <Toolbar>
          <YearSelect year={year} onChange={(y) => set('year', String(y))} />
        </Toolbar>
      </div>
      <Card size="small">
        <Space direction="vertical" size={8} className="dossier-sections">
          <div className="metric-select">
            <Segmented
              value={metric}
              onChange={(value) => set('metric', String(value))}
              options={METRICS.map((m) => ({ value: m, label: <span data-testid={`metric-${m}`}>{d(`metric_${m}`)}</span> }))}
              aria-label={d('metric')}
            />
          </div>
          <Legend metric={metric} d={d} />
          {map.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
          {map.error && <ErrorAlert error={map.error} />}
          {map.data && map.data.units.length === 0 && <Empty description={d('heatmapEmpty', { year })} />}
          {map.data && map.data.units.length > 0 && (
            <div className="heatmap-scroll">
              <table className="heatmap" data-testid="heatmap">
                <thead>
                  <tr>
                    <th scope="col" className="heatmap-unit">
                      {d('unit')}
                    </th>
                    <th scope="col">{d('yearValue')}</th>
                    {months.map((m) => (
                      <th scope="col" key={m} title={periodLabel(m, lang)}>
                        {shortMonth(m, lang)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {map.data.units.map((u) => (
                    <HeatmapRow key={u.code} unit={u} months={months} metric={metric} year={year} ownUnit={session?.user.unit ?? null} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Space>
      </Card>
    </div>
  );
}
