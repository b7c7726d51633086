// /dossiers and /units/:code/dossiers — a unit's dossier dashboard for a year (issue 5 §7): headline figures
// (each a link to the dossiers behind it), the KPI lights, the monthly trend, breakdowns by department, field,
// procedure and channel, the fault lists, and the definition set used.
import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { Button, Card, Col, Empty, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { HeatMapOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '../../auth';
import { Chart } from '../../components/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format';
import type { Lang } from '../../i18n';
import type {
  DossierDimension,
  DossierItem,
  DossierServiceIndicator,
  DossierStats,
  DossierStatsRow,
  HeatmapUnit,
} from '../../types';
import {
  codeLabel, counterOf, DIMENSION_LABELS, DIMENSIONS, denominatorLabel, formatDays, formatDossierTime, formatRate, isOverseer,
  dimensionName, keyFilter, lateCounter, listHref, onTimeCounter, shortMonth, type ListParams,
} from './dossierLogic';
import { useDossierText, type DossierTranslate } from './dossierText';
import {
  NumberLink, Toolbar, UnitSelect, useDossierList, useDossierStats, useHeatmap, useLatestDossierYear, useLatestHeatmapYear,
  YearSelect,
} from './shared';

// The KPI traffic lights (helper "kpi", web/src/pages/kpi/KpiLights.tsx): included when that file exists.
type KpiLightsProps = { unit: string; year: number };
const kpiModules = import.meta.glob<{ KpiLights?: ComponentType<KpiLightsProps> }>('../kpi/KpiLights.tsx');
const kpiLoader = Object.values(kpiModules)[0];
const KpiLights = kpiLoader
  ? lazy(async () => ({ default: (await kpiLoader()).KpiLights ?? ((() => null) as ComponentType<KpiLightsProps>) }))
  : null;

interface HeadlineCard {
  key: string;
  title: string;
  value: string;
  link: ListParams;
  sub?: string;
  danger?: boolean;
}

function headlineCards(stats: DossierStats, d: DossierTranslate): HeadlineCard[] {
  const total = stats.total;
  const c = (name: string) => counterOf(total, name);
  const base = { unit: stats.unit.code, year: stats.year, definition: null };
  const denominator = stats.definition?.denominator;
  const received = c('received');
  return [
    { key: 'received', title: d('received'), value: formatNumber(received), link: { ...base } },
    { key: 'processed', title: d('processed'), value: formatNumber(c('processed')), link: { ...base, counter: 'processed' } },
    {
      key: 'on-time-rate',
      title: d('onTimeRate'),
      value: formatRate(total.rates.on_time),
      sub: d('dossiersOf', { n: formatNumber(c(onTimeCounter(denominator))) }),
      link: { ...base, counter: onTimeCounter(denominator) },
    },
    { key: 'early', title: d('early'), value: formatNumber(c('early')), sub: formatRate(total.rates.early), link: { ...base, counter: 'early' } },
    {
      key: 'late',
      title: d('late'),
      value: formatNumber(c(lateCounter(denominator))),
      sub: formatRate(total.rates.late),
      link: { ...base, counter: lateCounter(denominator) },
      danger: c(lateCounter(denominator)) > 0,
    },
    {
      key: 'online-full',
      title: d('onlineFullShare'),
      value: formatRate(total.rates.online_full_share),
      sub: d('dossiersOf', { n: formatNumber(c('online_full')) }),
      link: { ...base, counter: 'online_full' },
    },
    {
      key: 'postal',
      title: d('postalShare'),
      value: formatRate(total.rates.postal_share),
      sub: d('dossiersOf', { n: formatNumber(c('postal')) }),
      link: { ...base, counter: 'postal' },
    },
    {
      key: 'late-without-apology',
      title: d('lateWithoutApology'),
      value: formatNumber(c('late_without_apology')),
      link: { ...base, counter: 'late_without_apology' },
      danger: c('late_without_apology') > 0,
    },
    {
      key: 'apology-excess',
      title: d('apologyExcess'),
      value: formatNumber(c('apology_excess')),
      link: { ...base, counter: 'apology_excess' },
      danger: c('apology_excess') > 0,
    },
    {
      key: 'supplement-2plus',
      title: d('supplement2plus'),
      value: formatNumber(c('supplement_2plus')),
      link: { ...base, counter: 'supplement_2plus' },
      danger: c('supplement_2plus') > 0,
    },
    {
      key: 'average-days',
      title: d('averageDays'),
      value: `${formatDays(total.rates.average_processing_days)} ${d('days')}`,
      sub: d('dossiersOf', { n: formatNumber(c('processed')) }),
      link: { ...base, counter: 'processed' },
    },
  ];
}

/** The 766 index's progress-and-results group, scored by the definition set's point table (server-side). */
function ServiceIndexCard({ stats }: { stats: DossierStats }) {
  const { d } = useDossierText();
  const group = stats.total.service_index;
  if (!group) return null;
  const columns: ColumnsType<DossierServiceIndicator> = [
    { title: d('serviceIndicator'), dataIndex: 'name', key: 'name' },
    {
      title: d('serviceValue'),
      key: 'value',
      align: 'right',
      render: (_: unknown, i) => (i.value === null ? '—' : formatNumber(i.value)),
    },
    {
      title: d('servicePoints'),
      key: 'points',
      align: 'right',
      render: (_: unknown, i) => `${i.points === null ? '—' : formatNumber(i.points)}/${formatNumber(i.max_points)}`,
    },
    { title: d('serviceHow'), dataIndex: 'computation', key: 'computation', responsive: ['md'] },
  ];
  return (
    <Card
      size="small"
      data-testid="dossier-service-index"
      title={d('serviceIndex', { name: group.name, points: formatNumber(group.points), max: formatNumber(group.max_points) })}
    >
      {!group.complete && (
        <Typography.Paragraph type="secondary" className="small">
          {d('serviceIndexIncomplete')}
        </Typography.Paragraph>
      )}
      <div className="table-scroll">
        <Table<DossierServiceIndicator>
          size="small"
          rowKey="code"
          pagination={false}
          columns={columns}
          dataSource={group.indicators}
        />
      </div>
    </Card>
  );
}

function Headline({ stats }: { stats: DossierStats }) {
  const { d } = useDossierText();
  const cards = headlineCards(stats, d);
  const base = { unit: stats.unit.code, year: stats.year };
  const open = (counter: string, label: string, testId: string) => (
    <div className="open-line">
      <span>{label}</span>
      <NumberLink to={listHref({ ...base, counter })} testId={testId}>
        {formatNumber(counterOf(stats.total, counter))}
      </NumberLink>
    </div>
  );
  const openTotal = counterOf(stats.total, 'open_not_due') + counterOf(stats.total, 'open_due_soon') + counterOf(stats.total, 'open_overdue');
  return (
    <Row gutter={[12, 12]} data-testid="dossier-headline">
      {cards.map((card) => (
        <Col xs={12} sm={8} lg={6} xl={4} key={card.key}>
          <Card size="small" className="dossier-card">
            <div className="dossier-card-title">{card.title}</div>
            <div className={card.danger ? 'dossier-card-value danger' : 'dossier-card-value'}>
              <NumberLink to={listHref(card.link)} testId={`card-${card.key}`}>
                {card.value}
              </NumberLink>
            </div>
            {card.sub && <div className="dossier-card-sub">{card.sub}</div>}
          </Card>
        </Col>
      ))}
      <Col xs={24} sm={16} lg={12} xl={8}>
        <Card size="small" className="dossier-card">
          <div className="dossier-card-title">
            {d('open')}: <span data-testid="card-open-total">{formatNumber(openTotal)}</span>
          </div>
          {open('open_not_due', d('openNotDue'), 'card-open-not-due')}
          {open('open_due_soon', d('openDueSoon'), 'card-open-due-soon')}
          {open('open_overdue', d('openOverdue'), 'card-open-overdue')}
        </Card>
      </Col>
    </Row>
  );
}

function trendOption(stats: DossierStats, d: DossierTranslate, lang: Lang) {
  const rows = stats.rows.filter((r) => r.period);
  const months = rows.map((r) => shortMonth(r.period!, lang));
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [d('received'), d('onTimeRate')] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', minInterval: 1, name: '' },
      { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${formatNumber(v)} %` } },
    ],
    series: [
      { name: d('received'), type: 'bar', data: rows.map((r) => counterOf(r, 'received')), itemStyle: { color: '#8fb8de' } },
      {
        name: d('onTimeRate'),
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r.rates.on_time),
        itemStyle: { color: '#237804' },
        label: { show: true, formatter: (p: { value: number | null }) => (p.value === null ? '' : formatNumber(p.value, 1)), fontSize: 10 },
      },
    ],
  };
}

/** Columns of the breakdown and month tables: each figure a link to the dossiers behind it. */
function figureColumns(
  d: DossierTranslate,
  link: (row: DossierStatsRow, counter: string | null) => string,
  denominator: string | undefined,
  withDays: 'none' | 'early' | 'last',
): ColumnsType<DossierStatsRow> {
  const count = (counter: string | null, title: string, testId: string) => ({
    title,
    key: counter ?? 'received',
    align: 'right' as const,
    render: (_: unknown, r: DossierStatsRow) => (
      <NumberLink to={link(r, counter)} testId={testId}>
        {formatNumber(counterOf(r, counter ?? 'received'))}
      </NumberLink>
    ),
  });
  const columns: ColumnsType<DossierStatsRow> = [
    count(null, d('received'), 'cell-received'),
    count('processed', d('processed'), 'cell-processed'),
    {
      title: d('onTimeRate'),
      key: 'on_time',
      align: 'right',
      render: (_: unknown, r) => (
        <NumberLink to={link(r, onTimeCounter(denominator))} testId="cell-on-time">
          {formatRate(r.rates.on_time)}
        </NumberLink>
      ),
    },
    count(lateCounter(denominator), d('late'), 'cell-late'),
    count('open_overdue', d('faultOpenOverdue'), 'cell-open-overdue'),
    {
      title: d('onlineFullShare'),
      key: 'online_full',
      align: 'right',
      render: (_: unknown, r) => (
        <NumberLink to={link(r, 'online_full')} testId="cell-online-full">
          {formatRate(r.rates.online_full_share)}
        </NumberLink>
      ),
    },
    count('late_without_apology', d('lateWithoutApology'), 'cell-late-without-apology'),
    count('supplement_2plus', d('supplement2plus'), 'cell-supplement-2plus'),
  ];
  if (withDays !== 'none') {
    // By procedure the average processing time comes right after the counts it is taken over.
    columns.splice(withDays === 'early' ? 2 : columns.length, 0, {
      title: `${d('averageDays')} (${d('days')})`,
      key: 'days',
      align: 'right',
      render: (_: unknown, r) => (
        <NumberLink to={link(r, 'processed')} testId="cell-days">
          {formatDays(r.rates.average_processing_days)}
        </NumberLink>
      ),
    });
  }
  return columns;
}

function Trend({ stats }: { stats: DossierStats }) {
  const { d, lang } = useDossierText();
  const option = useMemo(() => trendOption(stats, d, lang), [stats, d, lang]);
  const base = { unit: stats.unit.code, year: stats.year };
  const columns: ColumnsType<DossierStatsRow> = [
    { title: d('month'), key: 'month', fixed: 'left', render: (_: unknown, r) => <span className="nowrap">{shortMonth(r.period ?? '', lang)}</span> },
    ...figureColumns(d, (r, counter) => listHref({ ...base, period: r.period, counter }), stats.definition?.denominator, 'last'),
  ];
  return (
    <Card size="small" title={d('trend')} data-testid="dossier-trend">
      <Chart option={option} height={260} ariaLabel={d('trendChart')} />
      <Table<DossierStatsRow>
        size="small"
        rowKey={(r) => r.period ?? 'total'}
        pagination={false}
        dataSource={stats.rows.filter((r) => r.period)}
        columns={columns}
        scroll={{ x: 'max-content' }}
        className="dossier-table"
        data-testid="dossier-months"
        onRow={(r) => ({ 'data-testid': `month-row-${r.period}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}

function Breakdown({ unit, year, denominator }: { unit: string; year: number; denominator: string | undefined }) {
  const { d, lang } = useDossierText();
  const [params, setParams] = useSearchParams();
  const by = (DIMENSIONS.includes(params.get('by') as DossierDimension) ? params.get('by') : 'department') as DossierDimension;
  const stats = useDossierStats({ unit, year, by, period: 'year' });
  const base = { unit, year };
  const columns: ColumnsType<DossierStatsRow> = [
    {
      title: DIMENSION_LABELS[by][lang],
      key: 'name',
      fixed: 'left',
      render: (_: unknown, r) => (
        <span className="breakdown-name" data-testid="breakdown-name">
          {by === 'procedure' && r.key?.code && r.key.code !== r.key.name && <Tag className="code-tag">{r.key.code}</Tag>}
          {(by === 'channel' ? codeLabel(r.key, lang) : r.key?.name || r.key?.code) || '—'}
        </span>
      ),
    },
    ...figureColumns(d, (r, counter) => listHref({ ...base, counter, ...keyFilter(by, r.key?.code) }), denominator, by === 'channel' ? 'none' : by === 'procedure' ? 'early' : 'last'),
  ];
  const setBy = (next: string) => {
    const copy = new URLSearchParams(params);
    copy.set('by', next);
    setParams(copy, { replace: true });
  };
  return (
    <Card size="small" title={d('breakdown')} data-testid="dossier-breakdown">
      <Tabs
        activeKey={by}
        onChange={setBy}
        items={DIMENSIONS.map((dim) => ({ key: dim, label: <span data-testid={`breakdown-tab-${dim}`}>{DIMENSION_LABELS[dim][lang]}</span> }))}
      />
      {stats.error ? (
        <ErrorAlert error={stats.error} />
      ) : (
        <Table<DossierStatsRow>
          size="small"
          loading={stats.isLoading}
          rowKey={(r) => `${r.key?.code ?? ''}|${r.period ?? ''}`}
          pagination={false}
          dataSource={stats.data?.rows ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          className="dossier-table"
          data-testid={`breakdown-${by}`}
          onRow={(r) => ({ 'data-testid': `breakdown-row-${r.key?.code ?? ''}` }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}

const FAULTS = [
  { counter: 'late_without_apology', label: 'lateWithoutApology' },
  { counter: 'apology_excess', label: 'apologyExcess' },
  { counter: 'supplement_2plus', label: 'supplement2plus' },
  { counter: 'open_overdue', label: 'faultOpenOverdue' },
] as const;

function FaultList({ unit, year, counter, title }: { unit: string; year: number; counter: string; title: string }) {
  const { d } = useDossierText();
  const list = useDossierList({ unit, year, counter, limit: 5 });
  const columns: ColumnsType<DossierItem> = [
    { title: d('code'), dataIndex: 'id', key: 'id', render: (id: string) => <span className="nowrap">{id}</span> },
    { title: d('procedure'), key: 'procedure', render: (_: unknown, r) => <span className="fault-procedure">{dimensionName(r, 'procedure')}</span> },
    { title: d('due'), key: 'due', render: (_: unknown, r) => <span className="nowrap">{formatDossierTime(r.due)}</span> },
  ];
  return (
    <Card
      size="small"
      title={title}
      data-testid={`fault-${counter}`}
      extra={
        list.data && list.data.total > 0 ? (
          <NumberLink to={listHref({ unit, year, counter })} testId={`fault-all-${counter}`}>
            {d('seeAll', { n: formatNumber(list.data.total) })}
          </NumberLink>
        ) : null
      }
    >
      {list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table<DossierItem>
          size="small"
          loading={list.isLoading}
          rowKey="id"
          pagination={false}
          dataSource={list.data?.dossiers ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          className="dossier-table"
          locale={{ emptyText: d('noneFound') }}
        />
      )}
    </Card>
  );
}

function Dashboard({ unit, year, overseer, ownUnit }: { unit: string; year: number; overseer: boolean; ownUnit: string | null }) {
  const { d } = useDossierText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stats = useDossierStats({ unit, year, period: 'month' });
  const setYear = (y: number) => {
    const copy = new URLSearchParams(params);
    copy.set('year', String(y));
    setParams(copy);
  };
  const setUnit = (code: string) =>
    navigate(code === ownUnit ? `/dossiers?year=${year}` : `/units/${encodeURIComponent(code)}/dossiers?year=${year}`);
  const data = stats.data;
  const unitName = data?.unit.name ?? unit;
  const empty = data && counterOf(data.total, 'received') === 0 && data.rows.every((r) => counterOf(r, 'received') === 0);

  return (
    <div className="dossier-page" data-testid="dossier-dashboard">
      <div className="page-header">
        <Space direction="vertical" size={0} className="dossier-heading">
          <Typography.Title level={3} className="page-title" data-testid="dossier-title">
            {d('dashboardTitleYear', { year })}
          </Typography.Title>
          <Typography.Text strong data-testid="dossier-unit-name">
            {unitName}
          </Typography.Text>
          {data?.definition && (
            <Typography.Text type="secondary" className="small" data-testid="dossier-definition">
              {d('definition', {
                name: data.definition.name,
                code: data.definition.code,
                version: data.definition.version,
                denominator: denominatorLabel(data.definition.denominator),
              })}{' '}
              {data.as_of && d('asOf', { at: formatDossierTime(data.as_of) })}
            </Typography.Text>
          )}
        </Space>
        <Toolbar>
          {overseer && <UnitSelect year={year} unit={unit} onChange={setUnit} extra={data ? data.unit : undefined} />}
          <YearSelect year={year} onChange={setYear} />
          {overseer && (
            <Link to={`/dossiers/province?year=${year}`}>
              <Button icon={<HeatMapOutlined />} data-testid="open-heatmap">
                {d('openHeatmap')}
              </Button>
            </Link>
          )}
        </Toolbar>
      </div>
      <section className="dossier-kpi" data-testid="dossier-kpi">
        {KpiLights ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
            <KpiLights unit={unit} year={year} />
          </Suspense>
        ) : (
          <Card size="small" title={d('targets')}>
            <Typography.Text type="secondary">{d('targetsPending')}</Typography.Text>
          </Card>
        )}
      </section>
      {stats.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {stats.error && <ErrorAlert error={stats.error} />}
      {data && empty && <Empty description={d('noData', { year })} data-testid="dossier-empty" />}
      {data && !empty && (
        <Space direction="vertical" size={12} className="dossier-sections">
          <Headline stats={data} />
          <ServiceIndexCard stats={data} />
          <Trend stats={data} />
          <Breakdown unit={unit} year={year} denominator={data.definition?.denominator} />
          <Typography.Title level={4} className="section-title">
            {d('faults')}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {FAULTS.map((f) => (
              <Col xs={24} lg={12} key={f.counter}>
                <FaultList unit={unit} year={year} counter={f.counter} title={d(f.label)} />
              </Col>
            ))}
          </Row>
        </Space>
      )}
    </div>
  );
}

/** For appraisers and administrators without a unit: choose one (the units with dossiers they may read). */
function UnitChooser() {
  const [params] = useSearchParams();
  const asked = Number(params.get('year'));
  const latest = useLatestHeatmapYear(!asked);
  const year = asked || latest.data;
  if (!year) return latest.error ? <ErrorAlert error={latest.error} /> : <Skeleton active />;
  return <UnitChooserOf year={year} />;
}

/** The chooser of a year: the selector, and the units worst first, each a link to its dashboard. */
function UnitChooserOf({ year }: { year: number }) {
  const { d } = useDossierText();
  const navigate = useNavigate();
  const map = useHeatmap(year);
  const columns: ColumnsType<HeatmapUnit> = [
    {
      title: d('unit'),
      key: 'name',
      render: (_: unknown, u) => (
        <Link to={`/units/${encodeURIComponent(u.code)}/dossiers?year=${year}`} data-testid="chooser-unit">
          {u.name}
        </Link>
      ),
    },
    { title: d('received'), key: 'received', align: 'right', render: (_: unknown, u) => formatNumber(u.received) },
    { title: d('onTimeRate'), key: 'rate', align: 'right', render: (_: unknown, u) => formatRate(u.year_value) },
  ];
  return (
    <div className="dossier-page" data-testid="dossier-chooser">
      <Typography.Title level={3} className="page-title">
        {d('dashboardTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{d('chooseUnitHint')}</Typography.Paragraph>
      <Toolbar>
        <UnitSelect year={year} unit={null} onChange={(code) => navigate(`/units/${encodeURIComponent(code)}/dossiers?year=${year}`)} />
        <YearSelect year={year} onChange={(y) => navigate(`/dossiers?year=${y}`)} />
        <Link to={`/dossiers/province?year=${year}`}>
          <Button icon={<HeatMapOutlined />} data-testid="open-heatmap">
            {d('openHeatmap')}
          </Button>
        </Link>
      </Toolbar>
      <Card size="small" title={d('unitsWorstFirst', { year })} className="chooser-card">
        {map.error ? (
          <ErrorAlert error={map.error} />
        ) : (
          <Table<HeatmapUnit>
            size="small"
            rowKey="code"
            loading={map.isLoading}
            dataSource={map.data?.units ?? []}
            columns={columns}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            className="dossier-table"
            data-testid="chooser-units"
          />
        )}
      </Card>
    </div>
  );
}

export function DossiersPage() {
  const { code } = useParams();
  const [params] = useSearchParams();
  const { data: session } = useSession();
  const user = session?.user;
  const overseer = isOverseer(user?.role);
  const unit = code ?? user?.unit ?? null;
  const asked = Number(params.get('year'));
  const latest = useLatestDossierYear(unit, !asked);
  if (code && user?.unit === code && !overseer) return <Navigate to={`/dossiers${asked ? `?year=${asked}` : ''}`} replace />;
  if (!unit) return <UnitChooser />;
  const year = asked || latest.data;
  if (!year) return latest.error ? <ErrorAlert error={latest.error} /> : <Skeleton active paragraph={{ rows: 8 }} />;
  return <Dashboard unit={unit} year={year} overseer={overseer} ownUnit={user?.unit ?? null} />;
}
