// /dossiers/list?unit=..&year=..&period=..&counter=..&… — the paged list of the dossiers behind one number.
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { DossierItem } from '../../types';
import {
  codeLabel, dashboardHref, DIMENSION_LABELS, DIMENSIONS, dimensionCode, dimensionName, formatDays, formatDossierTime, listTitle, nameOf,
  parseListParams,
} from './dossierLogic';
import { useDossierText } from './dossierText';
import { useDossierList } from './shared';
import { NotFoundPage } from '../NotFoundPage';

const PAGE_SIZE = 50;

const TIMELINESS_COLOURS: Record<string, string> = { early: 'green', on_time: 'blue', late: 'red' };
const OPEN_COLOURS: Record<string, string> = { not_due: 'default', due_soon: 'gold', overdue: 'red' };

export function DossierListPage() {
  const { d, lang } = useDossierText();
  const [search, setSearch] = useSearchParams();
  const { data: session } = useSession();
  const params = parseListParams(search);
  const page = params?.page ?? 1;
  const list = useDossierList(
    params
      ? {
          unit: params.unit,
          year: params.year,
          period: params.period ?? undefined,
          view: params.view ?? undefined,
          counter: params.counter ?? undefined,
          department: params.department ?? undefined,
          field: params.field ?? undefined,
          procedure: params.procedure ?? undefined,
          channel: params.channel ?? undefined,
          definition: params.definition ?? undefined,
          offset: (page - 1) * PAGE_SIZE,
          limit: PAGE_SIZE,
        }
      : null,
  );
  const units = useQuery({ queryKey: ['units'], queryFn: api.units, retry: false, staleTime: 10 * 60_000 });
  if (!params) return <NotFoundPage />;

  const unitName = (units.data ?? []).find((u) => u.code === params.unit)?.name ?? params.unit;
  const first = list.data?.dossiers[0];
  // The filters by name: the first dossier carries the names of its department, field, procedure and channel.
  const filters = DIMENSIONS.flatMap((dim) => {
    const code = params[dim];
    if (!code) return [];
    const name = first && dimensionCode(first, dim) === code ? dimensionName(first, dim) : code;
    return [d('filterPrefix', { label: DIMENSION_LABELS[dim][lang], value: name || code })];
  });
  if (params.view === 'cohort') filters.push(d('viewCohort'));
  // The count is shown once the unit's name is known too (the title is read as one sentence).
  const title = listTitle(params, unitName, list.data && !units.isLoading ? list.data.total : null, filters, lang);

  const columns: ColumnsType<DossierItem> = [
    { title: d('code'), dataIndex: 'id', key: 'id', fixed: 'left', render: (id: string) => <span className="nowrap" data-testid="dossier-id">{id}</span> },
    { title: d('department'), key: 'department', render: (_: unknown, r) => nameOf(r.department) },
    { title: d('field'), key: 'field', render: (_: unknown, r) => dimensionName(r, 'field') },
    { title: d('procedure'), key: 'procedure', render: (_: unknown, r) => <span className="list-procedure">{dimensionName(r, 'procedure')}</span> },
    { title: d('channel'), key: 'channel', render: (_: unknown, r) => codeLabel(r.channel, lang) },
    { title: d('receivedAt'), key: 'received', render: (_: unknown, r) => <span className="nowrap">{formatDossierTime(r.received)}</span> },
    { title: d('due'), key: 'due', render: (_: unknown, r) => <span className="nowrap">{formatDossierTime(r.due)}</span> },
    { title: d('finished'), key: 'finished', render: (_: unknown, r) => <span className="nowrap">{formatDossierTime(r.finished)}</span> },
    { title: d('status'), key: 'status', render: (_: unknown, r) => codeLabel(r.status, lang) },
    {
      title: d('timeliness'),
      key: 'timeliness',
      render: (_: unknown, r) =>
        r.timeliness ? (
          <Tag color={TIMELINESS_COLOURS[r.timeliness]} data-testid="dossier-timeliness">
            {d(`timeliness_${r.timeliness}`)}
          </Tag>
        ) : r.open_state ? (
          <Tag color={OPEN_COLOURS[r.open_state]} data-testid="dossier-open-state">
            {d(`open_${r.open_state}`)}
          </Tag>
        ) : (
          ''
        ),
    },
    { title: d('supplements'), dataIndex: 'supplement_requests', key: 'supplements', align: 'right' },
    { title: d('apologies'), dataIndex: 'apology_letters', key: 'apologies', align: 'right' },
    { title: `${d('averageDays').split(' ')[0]} (${d('days')})`, key: 'days', align: 'right', render: (_: unknown, r) => formatDays(r.processing_days) },
  ];

  const setPage = (next: number) => {
    const copy = new URLSearchParams(search);
    if (next > 1) copy.set('page', String(next));
    else copy.delete('page');
    setSearch(copy);
  };

  return (
    <div className="dossier-page" data-testid="dossier-list-page">
      <Space direction="vertical" size={4} className="dossier-heading">
        <Link to={dashboardHref(params.unit, params.year, session?.user.unit)} data-testid="dossier-list-back">
          <ArrowLeftOutlined /> {d('listBack')}
        </Link>
        <Typography.Title level={3} className="page-title" data-testid="dossier-list-title">
          {title}
        </Typography.Title>
      </Space>
      {list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table<DossierItem>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.dossiers ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          className="dossier-table"
          data-testid="dossier-list"
          locale={{ emptyText: d('noneFound') }}
          onRow={(r) => ({ 'data-testid': `dossier-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => d('dossiersOf', { n: total }),
          }}
        />
      )}
      <span hidden data-testid="dossier-list-total">
        {list.data?.total ?? ''}
      </span>
    </div>
  );
}
