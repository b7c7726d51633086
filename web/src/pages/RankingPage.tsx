import { useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Grid, Input, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, rankingXlsxUrl } from '../api';
import { DEFAULT_YEAR, useSession } from '../auth';
import { Chart } from '../components/Chart';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatIndex, formatNumber, inferDecimals, rankChangeText } from '../format';
import { useI18n, type Translate } from '../i18n';
import type { RankingRow } from '../types';

/** Lower-cases and strips Vietnamese diacritics so that "la khe" finds "La Khê". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const compareNullable = (a: number | null, b: number | null) => (a ?? Number.NEGATIVE_INFINITY) - (b ?? Number.NEGATIVE_INFINITY);

function indicesOption(rows: RankingRow[], highlight: string | undefined, t: Translate, decimals: number, narrow: boolean) {
  const many = rows.length > 30;
  const hideLabels = many || narrow;
  return {
    grid: { left: 8, right: 16, top: 16, bottom: many ? 40 : 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const r = rows[params[0].dataIndex];
        return `<b>${r.rank ?? '—'}. ${r.unit_name}</b><br/>${t('indexShort')}: ${formatIndex(r.index, decimals)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.unit_name),
      axisLabel: hideLabels ? { show: false } : { interval: 0, rotate: 45, fontSize: 10, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    dataZoom: many ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : undefined,
    series: [
      {
        type: 'bar',
        name: t('indexShort'),
        data: rows.map((r) => ({
          value: r.index,
          itemStyle: { color: r.unit === highlight ? '#b71c1c' : r.demo ? '#9db6d3' : '#1f6fb2' },
        })),
      },
    ],
  };
}

export function RankingPage() {
  const { code, year: yearParam } = useParams();
  const year = Number(yearParam) || DEFAULT_YEAR;
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [search, setSearch] = useState('');
  const [pageSize, setPageSize] = useState(20);
  const narrow = Grid.useBreakpoint().md === false;
  const { modal, message } = AntApp.useApp();
  const client = useQueryClient();
  const mayPublish = session?.user.role === 'appraiser' || session?.user.role === 'admin';
  const publish = useMutation({
    mutationFn: () => api.publish(code!, year),
    onSuccess: async () => {
      message.success(t('publishedOk'));
      await client.invalidateQueries({ queryKey: ['ranking', code, year] });
      await client.invalidateQueries({ queryKey: ['results'] });
      await client.invalidateQueries({ queryKey: ['assessment'] });
    },
  });
  const confirmPublish = () =>
    modal.confirm({
      title: t('publish'),
      content: t('publishConfirm', { group: ranking.data?.group_name ?? code ?? '', year }),
      okText: t('publish'),
      cancelText: t('cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });

  const ranking = useQuery({
    queryKey: ['ranking', code, year],
    // The whole group in one request; the table sorts, searches and pages in the browser.
    queryFn: async () => {
      const first = await api.ranking(code!, year, { offset: 0, limit: 5000 });
      // The server may cap the page size: fetch the rest page by page.
      const rows = [...first.rows];
      while (first.total !== undefined && rows.length < first.total) {
        const next = await api.ranking(code!, year, { offset: rows.length, limit: 5000 });
        if (next.rows.length === 0) break;
        rows.push(...next.rows);
      }
      return { ...first, rows };
    },
    enabled: Boolean(code),
    retry: false,
  });
  const framework = useQuery({
    queryKey: ['framework', ranking.data?.framework],
    queryFn: () => api.framework(ranking.data!.framework!),
    enabled: Boolean(ranking.data?.framework),
    retry: false,
    staleTime: 10 * 60_000,
  });
  const rows = useMemo(() => ranking.data?.rows ?? [], [ranking.data]);
  const decimals = framework.data?.display_decimals ?? inferDecimals(rows.map((r) => r.index));
  const filtered = useMemo(() => {
    const q = foldVietnamese(search.trim());
    return q ? rows.filter((r) => foldVietnamese(r.unit_name).includes(q) || r.unit.includes(q)) : rows;
  }, [rows, search]);

  const myUnit = session?.user.unit ?? undefined;
  const columns: ColumnsType<RankingRow> = [
    {
      title: t('rank'),
      dataIndex: 'rank',
      width: 70,
      align: 'center',
      sorter: (a, b) => compareNullable(a.rank, b.rank),
      defaultSortOrder: 'ascend',
      render: (rank: number | null, row) => (row.excluded ? <Tag>{t('excluded')}</Tag> : <b>{rank ?? '—'}</b>),
    },
    {
      title: t('unitName'),
      dataIndex: 'unit_name',
      sorter: (a, b) => a.unit_name.localeCompare(b.unit_name, 'vi'),
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/units/${row.unit}/${year}`}>{row.unit === myUnit ? <b>{name}</b> : name}</Link>
          {row.demo && (
            <Tag color="orange" className="demo-tag">
              {t('demoUnit')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('points'),
      key: 'points',
      align: 'right',
      responsive: ['sm'],
      sorter: (a, b) => compareNullable(a.points, b.points),
      render: (_, row) => (
        <span className="num">
          {formatNumber(row.points, decimals)}/{formatNumber(row.max)}
        </span>
      ),
    },
    {
      title: t('indexShort'),
      dataIndex: 'index',
      align: 'right',
      sorter: (a, b) => compareNullable(a.index, b.index),
      render: (v: number | null) => <span className="num">{formatIndex(v, decimals)}</span>,
    },
    { title: t('band'), dataIndex: 'band', responsive: ['md'], render: (b: string | null) => b ?? '—' },
    {
      title: t('rankChange'),
      dataIndex: 'change',
      align: 'center',
      responsive: ['sm'],
      sorter: (a, b) => compareNullable(a.change, b.change),
      render: (c: number | null, row) =>
        c === null ? (
          '—'
        ) : (
          <span className={c > 0 ? 'change-up' : c < 0 ? 'change-down' : ''} title={`${row.previous_rank} → ${row.rank}`}>
            {rankChangeText(c)}
          </span>
        ),
    },
  ];

  const data = ranking.data;
  const showDemo = rows.some((r) => r.demo) || Boolean(session?.demo);

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={3} className="page-title" data-testid="group-name">
          {data?.group_name ?? code}
        </Typography.Title>
        <Space wrap>
          <span>{t('year')}:</span>
          <Select
            aria-label={t('year')}
            value={year}
            style={{ width: 100 }}
            onChange={(y) => navigate(`/groups/${code}/${y}`)}
            options={Array.from({ length: new Date().getFullYear() - 2018 }, (_, i) => new Date().getFullYear() - i).map((y) => ({ value: y, label: String(y) }))}
          />
          {code && data && (
            <Button icon={<FileExcelOutlined />} href={rankingXlsxUrl(code, year)} download data-testid="download-ranking-xlsx">
              {t('downloadExcel')}
            </Button>
          )}
          {mayPublish && (
            <Button type="primary" data-testid="publish-button" loading={publish.isPending} onClick={confirmPublish}>
              {t('publish')}
            </Button>
          )}
        </Space>
      </div>
      <DemoBanner show={showDemo} />
      {publish.error ? (
        <div data-testid="publish-error" className="section-small">
          <ErrorAlert error={publish.error} />
        </div>
      ) : null}
      {ranking.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      <ErrorAlert error={ranking.error} />
      {data && (
        <>
          <Card size="small" className="section" title={t('indicesChart')}>
            <Chart option={indicesOption(rows, myUnit, t, decimals, narrow)} height={280} ariaLabel={t('indicesChart')} />
          </Card>
          <Card size="small" className="section">
            <Input.Search
              allowClear
              placeholder={t('searchUnit')}
              aria-label={t('searchUnit')}
              data-testid="ranking-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ maxWidth: 360, marginBottom: 12 }}
            />
            <Table
              data-testid="ranking-table"
              size="small"
              rowKey="unit"
              columns={columns}
              dataSource={filtered}
              rowClassName={(row) => (row.unit === myUnit ? 'my-unit-row' : '')}
              scroll={{ x: 'max-content' }}
              pagination={{
                pageSize,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                onShowSizeChange: (_, size) => setPageSize(size),
                showTotal: (n) => t('totalUnits', { n }),
                hideOnSinglePage: false,
              }}
            />
            <Typography.Paragraph type="secondary" className="tie-rule" data-testid="tie-rule">
              {t('tieRule')}: {data.tie_rule}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}
