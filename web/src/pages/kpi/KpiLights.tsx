// The unit's KPI traffic lights: a compact list of its targets of a year with a coloured dot, the actual against
// the target and a link to the dossiers behind a figure computed from dossier statistics. Used on the unit
// dashboard and on the dossier dashboard.
import { Card, Empty, List, Skeleton, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { kpiApi } from './kpiApi';
import { drilldownHref, formatKpiValue, formatTarget, STATUS_COLORS, worstFirst } from './kpiLogic';
import { useKpiText, type KpiTranslate } from './kpiText';
import type { KpiStatus } from './kpiTypes';
import './kpi.css';

export const unitKpisKey = (unit: string, year: number) => ['unit-kpis', unit, year] as const;

/** GET /api/units/{unit}/kpis?year=; a 403 answers null (the caller may not read the unit's dossiers). */
export function useUnitKpis(unit: string | undefined, year: number) {
  return useQuery({
    queryKey: unitKpisKey(unit ?? '', year),
    queryFn: async () => {
      try {
        return await kpiApi.unitKpis(unit!, year);
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }
    },
    enabled: Boolean(unit) && Number.isFinite(year),
    retry: false,
  });
}

export function StatusDot({ status, k }: { status: KpiStatus; k: KpiTranslate }) {
  return (
    <span
      className={`kpi-dot kpi-dot-${status}`}
      style={{ background: STATUS_COLORS[status] }}
      role="img"
      aria-label={k(`status_${status}`)}
      title={k(`status_${status}`)}
      data-testid="kpi-dot"
      data-status={status}
    />
  );
}

export function KpiLights({ unit, year }: { unit: string; year: number }) {
  const { k, lang } = useKpiText();
  const query = useUnitKpis(unit, year);
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (query.data === null) return null;
  const kpis = worstFirst(query.data?.kpis ?? []);
  return (
    <Card
      size="small"
      className="kpi-lights"
      data-testid="kpi-lights"
      title={k('lightsTitle', { year })}
      extra={<Link to={`/kpis?unit=${encodeURIComponent(unit)}&year=${year}`} data-testid="kpi-lights-all">{k('allKpis')}</Link>}
    >
      {kpis.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={k('noTargets')} />
      ) : (
        <List
          size="small"
          dataSource={kpis}
          renderItem={(kpi) => {
            const href = drilldownHref(kpi.drilldown);
            return (
              <List.Item className="kpi-light-row" data-testid="kpi-light" data-kpi={kpi.kpi} data-status={kpi.status}>
                <StatusDot status={kpi.status} k={k} />
                <Tooltip title={lang === 'en' ? kpi.computation_en : kpi.computation}>
                  <span className="kpi-light-name">{lang === 'en' ? kpi.name_en || kpi.name : kpi.name}</span>
                </Tooltip>
                <span className="kpi-light-figures">
                  <Typography.Text strong data-testid="kpi-light-actual">
                    {formatKpiValue(kpi.actual?.value, kpi.unit_of_measure)}
                  </Typography.Text>
                  <Typography.Text type="secondary"> / {formatTarget(kpi.target.comparator, kpi.target.value, kpi.unit_of_measure)}</Typography.Text>
                </span>
                {href ? (
                  <Link className="kpi-light-link" to={href} data-testid="kpi-light-link">
                    {k('numbersBehind')}
                  </Link>
                ) : (
                  <span className="kpi-light-link" />
                )}
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
