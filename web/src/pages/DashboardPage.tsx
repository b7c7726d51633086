import { useMemo } from 'react';
import { Button, Card, Col, Empty, List, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileExcelOutlined, MinusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, resultsXlsxUrl } from '../api';
import { candidateYears, DEFAULT_YEAR, firstYearWithResults, useAllGroups, useSession } from '../auth';
import { Chart } from '../components/Chart';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorAlert } from '../components/ErrorAlert';
import { LostPointsTable } from '../components/LostPointsTable';
import { KpiLights } from './kpi/KpiLights';
import { RankBadge } from '../components/RankBadge';
import { formatChange, formatIndex, formatNumber, formatPoints, inferDecimals } from '../format';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import type { Gap, Results, StrengthWeakness } from '../types';

const PALETTE = { points: '#1f6fb2', max: '#e3e8ef', self: '#f0a020', appraised: '#1f6fb2', line: '#b71c1c' };

function yearOptions(results?: Results) {
  const now = new Date().getFullYear();
  const years = new Set<number>();
  for (let y = now; y >= 2019; y -= 1) years.add(y);
  results?.trend.forEach((p) => years.add(p.year));
  return [...years].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }));
}

function ChangeValue({ value, decimals }: { value: number | null; decimals?: number }) {
  if (value === null || value === undefined) return <span>—</span>;
  const cls = value > 0 ? 'up' : value < 0 ? 'down' : 'same';
  const icon = value > 0 ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <span className={`change change-${cls}`}>
      {icon} {formatChange(value, decimals)}
    </span>
  );
}

function shortTitle(title: string, max = 28): string {
  return title.length > max ? title.slice(0, max - 1) + '…' : title;
}

function areaBarOption(results: Results, t: Translate) {
  const areas = [...results.areas].reverse();
  return {
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [t('points'), t('max')] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const a = areas[params[0].dataIndex];
        return `<b>${a.code}. ${a.title}</b><br/>${t('points')}: ${formatPoints(a.points, a.max)}<br/>${t('indexShort')}: ${formatIndex(a.index)}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v) } },
    yAxis: {
      type: 'category',
      data: areas.map((a) => `${a.code}. ${shortTitle(a.title, 22)}`),
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      { name: t('max'), type: 'bar', data: areas.map((a) => a.max), itemStyle: { color: PALETTE.max }, barGap: '-100%', barWidth: 14, z: 1 },
      {
        name: t('points'),
        type: 'bar',
        data: areas.map((a) => a.points),
        itemStyle: { color: PALETTE.points },
        barWidth: 14,
        z: 2,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => formatPoints(areas[p.dataIndex].points, areas[p.dataIndex].max),
          fontSize: 11,
        },
      },
    ],
  };
}

function radarOption(results: Results, t: Translate) {
  const areas = results.areas;
  return {
    tooltip: { trigger: 'item' },
    radar: {
      radius: '62%',
      indicator: areas.map((a) => ({ name: a.code, max: 100 })),
      axisName: { color: '#555' },
    },
    series: [
      {
        type: 'radar',
        name: t('radarChart'),
        data: [
          {
            value: areas.map((a) => a.index ?? 0),
            name: results.unit_name,
            areaStyle: { opacity: 0.2 },
            itemStyle: { color: PALETTE.points },
          },
        ],
        tooltip: {
          formatter: () => areas.map((a) => `${a.code}. ${shortTitle(a.title, 40)}: ${formatIndex(a.index)}`).join('<br/>'),
        },
      },
    ],
  };
}

function trendOption(results: Results, t: Translate, decimals: number) {
  const trend = results.trend;
  return {
    grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: Array<{ dataIndex: number }>) => {
        const p = trend[params[0].dataIndex];
        const ranks = p.ranks.map((r) => `${r.group_name}: ${r.rank ?? '—'}/${r.of ?? '—'}`).join('<br/>');
        return `<b>${p.year}</b><br/>${t('index')}: ${formatIndex(p.index, decimals)}${ranks ? '<br/>' + ranks : ''}`;
      },
    },
    xAxis: { type: 'category', data: trend.map((p) => String(p.year)), boundaryGap: true },
    yAxis: {
      type: 'value',
      // Room above and below the points for their labels.
      min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 2) / 5) * 5),
      max: (v: { max: number }) => Math.min(100, Math.ceil((v.max + 2) / 5) * 5),
      axisLabel: { formatter: (v: number) => formatNumber(v) },
    },
    series: [
      {
        type: 'line',
        name: t('index'),
        data: trend.map((p) => p.index),
        connectNulls: false,
        symbolSize: 9,
        itemStyle: { color: PALETTE.line },
        lineStyle: { width: 3 },
        label: {
          show: true,
          position: 'top',
          lineHeight: 15,
          align: 'center',
          formatter: (p: { dataIndex: number }) => {
            const point = trend[p.dataIndex];
            const rank = point.ranks[0];
            return formatIndex(point.index, decimals) + (rank?.rank ? `\n${rank.rank}/${rank.of}` : '');
          },
        },
      },
    ],
  };
}

function gapsOption(gaps: Gap[], t: Translate) {
  return {
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, data: [t('selfScore'), t('appraisedScore')] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    xAxis: { type: 'category', data: gaps.map((g) => g.code), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [
      { type: 'bar', name: t('selfScore'), data: gaps.map((g) => g.self), itemStyle: { color: PALETTE.self } },
      { type: 'bar', name: t('appraisedScore'), data: gaps.map((g) => g.appraised), itemStyle: { color: PALETTE.appraised } },
    ],
  };
}

function StrengthList({ items, t, testid }: { items: StrengthWeakness[]; t: Translate; testid: string }) {
  if (items.length === 0) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid={testid}
      dataSource={items}
      renderItem={(item) => {
        const kindKey = `kind_${item.kind}` as MessageKey;
        return (
          <List.Item>
            <div className="sw-item">
              <div>
                <b>{item.code}.</b> {item.title}
              </div>
              <Space size={4} wrap>
                <Tag>{formatPoints(item.points, item.max)}</Tag>
                {item.change !== null && <ChangeValue value={item.change} />}
                <Typography.Text type="secondary">{t(kindKey) !== kindKey ? t(kindKey) : item.kind}</Typography.Text>
              </Space>
            </div>
          </List.Item>
        );
      }}
    />
  );
}

export function DashboardPage() {
  const { code, year: yearParam } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const year = Number(yearParam);
  const valid = Boolean(code) && Number.isInteger(year) && year > 1900;

  const results = useQuery({
    queryKey: ['results', code, year],
    queryFn: () => api.results(code!, year),
    enabled: valid,
    retry: false,
  });
  // The unit's name for the title even when this year has no results (a 404 for the year).
  const units = useQuery({ queryKey: ['units'], queryFn: api.units, retry: false, staleTime: 10 * 60_000, enabled: results.isError });
  // A year without results (say one still being scored): the latest earlier year that has some.
  const noResults = results.error instanceof ApiError && results.error.status === 404;
  const groups = useAllGroups(noResults);
  const groupYears = (groups.data ?? []).map((g) => g.year).filter((y) => typeof y === 'number');
  const earlier = useQuery({
    queryKey: ['earlier-results-year', code, year, groupYears.join(',')],
    queryFn: () => firstYearWithResults(code!, candidateYears(year, groupYears)),
    enabled: noResults && !groups.isLoading,
    retry: false,
    staleTime: 60_000,
  });
  const frameworkCode = results.data?.framework;
  const framework = useQuery({
    queryKey: ['framework', frameworkCode],
    queryFn: () => api.framework(frameworkCode!),
    enabled: Boolean(frameworkCode),
    retry: false,
    staleTime: 10 * 60_000,
  });

  const data = results.data;
  const decimals = useMemo(() => {
    if (framework.data?.display_decimals !== undefined) return framework.data.display_decimals;
    if (!data) return 2;
    return inferDecimals([data.index, ...data.trend.map((p) => p.index), ...data.parts.map((p) => p.index)]);
  }, [framework.data, data]);

  if (!valid) return <Navigate to={`/units/${code ?? session?.user.unit ?? ''}/${DEFAULT_YEAR}`} replace />;

  const header = (
    <div className="page-header">
      <Typography.Title level={3} className="page-title" data-testid="unit-name">
        {data?.unit_name ?? units.data?.find((u) => u.code === code)?.name ?? code}
      </Typography.Title>
      <Space wrap>
        <span>{t('year')}:</span>
        <Select
          data-testid="year-select"
          aria-label={t('year')}
          value={year}
          options={yearOptions(data)}
          onChange={(y) => navigate(`/units/${code}/${y}`)}
          style={{ width: 100 }}
        />
        {code && (
          <Link to={`/units/${code}/${year}/assessment`} data-testid="assessment-link">
            {t('selfAssessmentLink', { year })}
          </Link>
        )}
        {code && (
          <Link to={`/units/${code}/plans/${year + 1}`} data-testid="plan-link">
            {t('planLink', { year: year + 1 })}
          </Link>
        )}
        {code && data && (
          <Button icon={<FileExcelOutlined />} href={resultsXlsxUrl(code, year)} download data-testid="download-results-xlsx">
            {t('downloadExcel')}
          </Button>
        )}
        {data && (
          <Tag color={data.status === 'published' ? 'green' : 'gold'}>
            {t(`status_${data.status}` as MessageKey) !== `status_${data.status}` ? t(`status_${data.status}` as MessageKey) : data.status}
          </Tag>
        )}
      </Space>
    </div>
  );

  if (results.isLoading) {
    return (
      <div className="page">
        {header}
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  if (noResults) {
    const user = session?.user;
    const maySelfAssess = user?.role === 'admin' || (user?.role === 'coordinator' && user.unit === code);
    return (
      <div className="page">
        {header}
        <DemoBanner show={Boolean(session?.demo)} />
        <Card data-testid="no-results">
          <Empty
            description={
              <Space direction="vertical" size={4}>
                <Typography.Text strong data-testid="no-results-title">
                  {t('noResultsYear', { year })}
                </Typography.Text>
                <Typography.Text type="secondary">{t('noResultsHint', { year })}</Typography.Text>
              </Space>
            }
          >
            <Space wrap>
              {earlier.data && (
                <Link to={`/units/${code}/${earlier.data}`} data-testid="earlier-results-link">
                  {t('seeResultsOf', { year: earlier.data })}
                </Link>
              )}
              {maySelfAssess && (
                <Button type="primary" data-testid="start-self-assessment" onClick={() => navigate(`/units/${code}/${year}/assessment`)}>
                  {t('selfAssessmentLink', { year })}
                </Button>
              )}
            </Space>
          </Empty>
        </Card>
        {code && (
          <div className="section">
            <KpiLights unit={code} year={year} />
          </div>
        )}
      </div>
    );
  }
  if (results.error || !data) {
    return (
      <div className="page">
        {header}
        <DemoBanner show={Boolean(session?.demo)} />
        <ErrorAlert error={results.error} />
      </div>
    );
  }

  const showDemo = data.band_demo || Boolean(session?.demo) || data.provenance === 'demo';
  const hasAreas = data.areas.length > 0;

  return (
    <div className="page dashboard">
      {header}
      <DemoBanner show={showDemo} />
      <Row gutter={[16, 16]} className="kpi-row">
        <Col xs={24} sm={12} lg={6}>
          <Card className="kpi-card kpi-index">
            <Statistic
              title={t('index')}
              value={formatIndex(data.index, decimals)}
              formatter={() => <span data-testid="index-value">{formatIndex(data.index, decimals)}</span>}
              suffix={data.max !== null ? <span className="kpi-suffix">{`${formatNumber(data.points)}/${formatNumber(data.max)} ${t('points').toLowerCase()}`}</span> : undefined}
            />
            {data.self !== null && (
              <Typography.Text type="secondary">
                {t('selfIndex')}: {formatNumber(data.self)}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Card className="kpi-card">
            <Statistic
              title={t('band')}
              value={data.band ?? '—'}
              formatter={() => (
                <span data-testid="band-value">
                  {data.band ?? '—'}
                  {data.band_demo && <span className="band-demo"> {t('bandDemo')}</span>}
                </span>
              )}
            />
          </Card>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Card className="kpi-card">
            <Statistic
              title={t('changeVsLastYear')}
              value={formatChange(data.change)}
              formatter={() => (
                <span data-testid="change-value">
                  <ChangeValue value={data.change} />
                </span>
              )}
            />
            {data.change_status === 'not_comparable' && <Typography.Text type="secondary">{t('notComparable')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card className="kpi-card" title={t('ranks')} size="small">
            {data.ranks.length === 0 && <Typography.Text type="secondary">{t('noData')}</Typography.Text>}
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              {data.ranks.map((r) => (
                <Link key={r.group} to={`/groups/${r.group}/${data.year}`} className="rank-link">
                  <RankBadge rank={r} />
                </Link>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>

      {code && (
        <div className="section" data-testid="dashboard-kpis">
          {/* The targets being tracked: the year after the results shown, once it has begun. */}
          <KpiLights unit={code} year={year + 1 <= new Date().getFullYear() ? year + 1 : year} />
        </div>
      )}

      {data.parts.length > 0 && (
        <Card title={t('parts')} size="small" className="section">
          <Row gutter={[16, 12]}>
            {data.parts.map((p) => (
              <Col xs={24} md={12} key={p.method}>
                <div className="part" data-testid={`part-${p.method}`}>
                  <div className="part-title">{p.title}</div>
                  <Space wrap size={[12, 4]}>
                    <span className="part-points">{formatPoints(p.points, p.max)}</span>
                    <span>
                      {t('indexShort')}: <b>{formatIndex(p.index, decimals)}</b>
                    </span>
                    {p.change !== null && <ChangeValue value={p.change} />}
                    {p.ranks.map((r) => (
                      <RankBadge key={r.group} rank={r} showGroup={false} />
                    ))}
                  </Space>
                </div>
              </Col>
            ))}
          </Row>
        </Card>
      )}

      {hasAreas && (
        <Row gutter={[16, 16]} className="section">
          <Col xs={24} lg={14}>
            <Card title={t('areasChart')} size="small">
              <Chart option={areaBarOption(data, t)} height={Math.max(220, data.areas.length * 34 + 50)} ariaLabel={t('areasChart')} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('radarChart')} size="small">
              <Chart option={radarOption(data, t)} height={Math.max(220, data.areas.length * 34 + 50)} ariaLabel={t('radarChart')} />
            </Card>
          </Col>
        </Row>
      )}

      <Row gutter={[16, 16]} className="section">
        <Col xs={24} lg={hasAreas ? 10 : 24}>
          <Card title={t('trendChart')} size="small">
            {data.trend.length > 0 ? (
              <Chart option={trendOption(data, t, decimals)} height={260} ariaLabel={t('trendChart')} />
            ) : (
              <Empty description={t('noData')} />
            )}
          </Card>
        </Col>
        {hasAreas && (
          <Col xs={24} lg={14}>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <Card title={t('strengths')} size="small" className="sw-card">
                  <StrengthList items={data.strengths} t={t} testid="strengths" />
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card title={t('weaknesses')} size="small" className="sw-card">
                  <StrengthList items={data.weaknesses} t={t} testid="weaknesses" />
                </Card>
              </Col>
            </Row>
          </Col>
        )}
      </Row>

      {hasAreas && (
        <Card title={`${t('lostPoints')} ${data.year}`} size="small" className="section">
          {data.lost_points.length > 0 ? <LostPointsTable rows={data.lost_points} /> : <Empty description={t('none')} />}
        </Card>
      )}

      {hasAreas && (
        <Card title={t('gaps')} size="small" className="section">
          {data.gaps.length === 0 ? (
            <Typography.Text type="secondary">{t('noGaps')}</Typography.Text>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  data-testid="gaps-table"
                  dataSource={data.gaps}
                  tableLayout="auto"
                  columns={[
                    {
                      title: t('criterion'),
                      key: 'c',
                      render: (_, g: Gap) => (
                        <span>
                          <b>{g.code}</b> {g.title}
                        </span>
                      ),
                    },
                    { title: t('selfScore'), dataIndex: 'self', align: 'right', render: (v) => formatNumber(v) },
                    { title: t('appraisedScore'), dataIndex: 'appraised', align: 'right', render: (v) => formatNumber(v) },
                    { title: t('gap'), dataIndex: 'gap', align: 'right', render: (v) => <span className="lost">{formatNumber(v)}</span> },
                  ]}
                />
              </Col>
              <Col xs={24} lg={10}>
                <Chart option={gapsOption(data.gaps, t)} height={280} ariaLabel={t('gaps')} />
              </Col>
            </Row>
          )}
        </Card>
      )}
    </div>
  );
}
