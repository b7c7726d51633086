// The KPI screens (issue 5 §4): a unit's targets of a year (/kpis: edit a target, enter a manual actual with an
// evidence file), the appraiser's overview of every unit × indicator (/kpis/overview, worst first) and the
// indicator catalogue (/kpis/catalogue, edited by appraisers and administrators).
import { useState } from 'react';
import {
  App as AntApp, Button, Card, Empty, Form, Input, InputNumber, Modal, Progress, Select, Skeleton, Space, Table, Tag,
  Tooltip, Typography, Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnitSelect, YearSelect, useLatestDossierYear, useLatestHeatmapYear } from '../dossiers/shared';
import { kpiApi, uploadKpiEvidence } from './kpiApi';
import { StatusDot, unitKpisKey, useUnitKpis } from './KpiLights';
import {
  COMPARATOR_SIGNS, drilldownHref, formatIsoDate, formatKpiValue, formatTarget, parseKpiNumber, parseVietnameseDate,
  sortOverviewUnits,
} from './kpiLogic';
import { useKpiText, type KpiTextKey } from './kpiText';
import type { KpiComparator, KpiIndicator, KpiMeasure, UnitKpi } from './kpiTypes';
import './kpi.css';

const OVERSEERS = new Set(['admin', 'administrator', 'appraiser']);
const MEASURES: KpiMeasure[] = [
  'on_time_rate', 'early_rate', 'late_rate', 'online_full_share', 'online_partial_share', 'postal_share',
  'late_without_apology', 'apology_excess', 'supplement_2plus', 'average_processing_days', 'manual',
];
const COMPARATORS: KpiComparator[] = ['>=', '<=', '='];

function scopeText(scope: UnitKpi['target']['scope'], k: (key: KpiTextKey) => string): string {
  const parts = [
    scope.field && `${k('scopeField')}: ${scope.field}`,
    scope.department && `${k('scopeDepartment')}: ${scope.department}`,
    scope.procedure && `${k('scopeProcedure')}: ${scope.procedure}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : k('scopeAll');
}

// ---- The unit's targets -----------------------------------------------------------------------------------------

function TargetModal({ row, unit, year, onClose }: { row: UnitKpi; unit: string; year: number; onClose: () => void }) {
  const { k } = useKpiText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [comparator, setComparator] = useState<KpiComparator>(row.target.comparator);
  const [value, setValue] = useState(String(row.target.value).replace('.', ','));
  const [field, setField] = useState(row.target.scope.field ?? '');
  const [note, setNote] = useState(row.target.note);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      kpiApi.saveTarget(unit, year, row.kpi, {
        comparator,
        value: parseKpiNumber(value) as number,
        scope: { ...row.target.scope, field: field.trim() || null },
        note,
      }),
    onSuccess: async () => {
      message.success(k('saved'));
      await client.invalidateQueries({ queryKey: unitKpisKey(unit, year) });
      onClose();
    },
  });
  const submit = () => {
    if (parseKpiNumber(value) === null) {
      setProblem(k('valueRequired'));
      return;
    }
    setProblem(null);
    save.mutate();
  };
  return (
    <Modal
      open
      title={`${k('editTarget')}: ${row.name}`}
      onCancel={onClose}
      onOk={submit}
      okText={k('save')}
      cancelText={k('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'target-save' } as Record<string, string>}
    >
      <Form layout="vertical">
        <Form.Item label={k('comparator')}>
          <Select
            value={comparator}
            onChange={setComparator}
            options={COMPARATORS.map((c) => ({ value: c, label: COMPARATOR_SIGNS[c] }))}
            data-testid="target-comparator"
          />
        </Form.Item>
        <Form.Item label={`${k('value')} (${row.unit_of_measure})`} validateStatus={problem ? 'error' : undefined} help={problem}>
          <Input value={value} onChange={(e) => setValue(e.target.value)} data-testid="target-value" inputMode="decimal" />
        </Form.Item>
        {row.measure !== 'manual' && (
          <Form.Item label={k('scopeField')}>
            <Input value={field} onChange={(e) => setField(e.target.value)} placeholder="dat-dai" data-testid="target-field" />
          </Form.Item>
        )}
        <Form.Item label={k('note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} data-testid="target-note" />
        </Form.Item>
      </Form>
      {save.error && <ErrorAlert error={save.error} />}
    </Modal>
  );
}

function ActualModal({ row, unit, year, onClose }: { row: UnitKpi; unit: string; year: number; onClose: () => void }) {
  const { k } = useKpiText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [date, setDate] = useState(`31/12/${year}`);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Array<{ name: string; sha256: string }>>([]);
  const [percent, setPercent] = useState<number | null>(null);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const [uploadError, setUploadError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: () =>
      kpiApi.addActual(unit, year, row.kpi, {
        value: parseKpiNumber(value) as number,
        date: parseVietnameseDate(date) as string,
        note,
        evidence: files.map((f) => f.sha256),
      }),
    onSuccess: async () => {
      message.success(k('saved'));
      await client.invalidateQueries({ queryKey: unitKpisKey(unit, year) });
      onClose();
    },
  });
  const submit = () => {
    const problems: Record<string, string> = {};
    if (parseKpiNumber(value) === null) problems.value = k('valueRequired');
    if (parseVietnameseDate(date) === null) problems.date = k('dateInvalid');
    setProblem(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  };
  return (
    <Modal
      open
      title={`${k('enterActual')}: ${row.name}`}
      onCancel={onClose}
      onOk={submit}
      okText={k('save')}
      cancelText={k('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'actual-save' } as Record<string, string>}
    >
      <Form layout="vertical">
        <Form.Item label={`${k('value')} (${row.unit_of_measure})`} validateStatus={problem.value ? 'error' : undefined} help={problem.value}>
          <Input value={value} onChange={(e) => setValue(e.target.value)} data-testid="actual-value" inputMode="decimal" />
        </Form.Item>
        <Form.Item label={k('actualDate')} validateStatus={problem.date ? 'error' : undefined} help={problem.date}>
          <Input value={date} onChange={(e) => setDate(e.target.value)} data-testid="actual-date" />
        </Form.Item>
        <Form.Item label={k('note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} data-testid="actual-note" />
        </Form.Item>
        <Form.Item label={k('evidence')}>
          <Upload
            showUploadList={false}
            customRequest={async ({ file }) => {
              setUploadError(null);
              setPercent(0);
              try {
                const stored = await uploadKpiEvidence(unit, year, row.kpi, file as File, setPercent);
                setFiles((list) => [...list, { name: (file as File).name, sha256: stored.sha256 }]);
              } catch (error) {
                setUploadError(error);
              } finally {
                setPercent(null);
              }
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="actual-upload">
              {k('upload')}
            </Button>
          </Upload>
          {percent !== null && <Progress percent={percent} size="small" />}
          <ul className="kpi-files" data-testid="actual-files">
            {files.map((f) => (
              <li key={f.sha256}>{f.name}</li>
            ))}
          </ul>
          {uploadError !== null && <ErrorAlert error={uploadError} />}
        </Form.Item>
      </Form>
      {save.error && <ErrorAlert error={save.error} />}
    </Modal>
  );
}

function UnitTargets({ unit, year }: { unit: string; year: number }) {
  const { k, lang } = useKpiText();
  const query = useUnitKpis(unit, year);
  const [editing, setEditing] = useState<UnitKpi | null>(null);
  const [entering, setEntering] = useState<UnitKpi | null>(null);
  if (query.isLoading) return <Skeleton active />;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <ErrorAlert error={new ApiError(403, 'forbidden', k('status_no_data'))} />;
  const data = query.data;
  const canEdit = data.can.edit_targets;
  const columns: ColumnsType<UnitKpi> = [
    {
      title: k('status'),
      key: 'status',
      width: 140,
      render: (_, row) => (
        <Space size={6}>
          <StatusDot status={row.status} k={k} />
          <span className="small">{k(`status_${row.status}`)}</span>
        </Space>
      ),
    },
    {
      title: k('indicator'),
      key: 'name',
      render: (_, row) => (
        <div>
          <div>{lang === 'en' ? row.name_en || row.name : row.name}</div>
          <div className="muted small">{scopeText(row.target.scope, k)}</div>
        </div>
      ),
    },
    {
      title: k('target'),
      key: 'target',
      width: 130,
      render: (_, row) => (
        <span data-testid={`kpi-target-${row.kpi}`}>
          {formatTarget(row.target.comparator, row.target.value, row.unit_of_measure)}
          {row.target.default && <Tag className="kpi-default-tag">{k('defaultTarget')}</Tag>}
        </span>
      ),
    },
    {
      title: k('actual'),
      key: 'actual',
      width: 150,
      render: (_, row) => {
        const href = drilldownHref(row.drilldown);
        const text = formatKpiValue(row.actual?.value, row.unit_of_measure);
        return (
          <div data-testid={`kpi-actual-${row.kpi}`}>
            {href && row.actual ? <Link to={href}>{text}</Link> : text}
            {row.actual && (
              <div className="muted small">
                {row.actual.source === 'manual'
                  ? `${k('manual')}${row.actual.date ? ` ${formatIsoDate(row.actual.date)}` : ''}`
                  : k('fromDossiers')}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: k('computation'),
      key: 'computation',
      render: (_, row) => (
        <span className="small" data-testid={`kpi-computation-${row.kpi}`}>
          {lang === 'en' ? row.computation_en : row.computation}
        </span>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'actions',
            width: 130,
            render: (_: unknown, row: UnitKpi) => (
              <Space size={4} wrap>
                <Tooltip title={k('editTarget')}>
                  <Button size="small" icon={<EditOutlined />} data-testid={`edit-target-${row.kpi}`} onClick={() => setEditing(row)} />
                </Tooltip>
                <Tooltip title={k('enterActual')}>
                  <Button size="small" icon={<PlusOutlined />} data-testid={`enter-actual-${row.kpi}`} onClick={() => setEntering(row)} />
                </Tooltip>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="kpi-table-wrap">
        <Table<UnitKpi>
          size="small"
          rowKey="kpi"
          columns={columns}
          dataSource={data.kpis}
          pagination={false}
          data-testid="kpi-table"
          onRow={(row) => ({ 'data-kpi': row.kpi, 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 900 }}
        />
      </div>
      {editing && <TargetModal row={editing} unit={unit} year={year} onClose={() => setEditing(null)} />}
      {entering && <ActualModal row={entering} unit={unit} year={year} onClose={() => setEntering(null)} />}
    </>
  );
}

export function KpiPage() {
  const { k } = useKpiText();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const user = session?.user;
  const overseer = OVERSEERS.has(user?.role ?? '');
  const unit = params.get('unit') || user?.unit || null;
  const asked = Number(params.get('year'));
  // The latest year with dossiers: of the unit, or (an overseer who has not chosen one yet) of any unit it reads.
  const latestOfUnit = useLatestDossierYear(unit, !asked && Boolean(unit));
  const latestOfAny = useLatestHeatmapYear(!asked && !unit);
  const latest = unit ? latestOfUnit : latestOfAny;
  const year = asked || latest.data;
  const go = (nextUnit: string | null, nextYear: number) => {
    const q = new URLSearchParams();
    if (nextUnit) q.set('unit', nextUnit);
    q.set('year', String(nextYear));
    navigate(`/kpis?${q.toString()}`);
  };
  return (
    <div className="page" data-testid="kpi-page">
      <div className="page-header">
        <Typography.Title level={3}>{k('pageTitle', { year: year ?? '' })}</Typography.Title>
        <Space wrap>
          {overseer && year && <UnitSelect year={year} unit={unit} onChange={(code) => go(code, year)} />}
          {year && <YearSelect year={year} onChange={(y) => go(unit, y)} />}
          {overseer && <Link to={`/kpis/overview${year ? `?year=${year}` : ''}`}>{k('overviewTitle', { year: year ?? '' })}</Link>}
          <Link to="/kpis/catalogue">{k('catalogueTitle')}</Link>
        </Space>
      </div>
      {!year ? (
        latest.error ? <ErrorAlert error={latest.error} /> : <Skeleton active />
      ) : !unit ? (
        <Empty description={k('chooseUnit')} />
      ) : (
        <Card size="small">
          <UnitTargets unit={unit} year={year} />
        </Card>
      )}
    </div>
  );
}

// ---- The overview -----------------------------------------------------------------------------------------------

export function KpiOverviewPage() {
  const { k, lang } = useKpiText();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const asked = Number(params.get('year'));
  const latest = useLatestHeatmapYear(!asked);
  const year = asked || latest.data || 0;
  const query = useQuery({
    queryKey: ['kpi-overview', year],
    queryFn: () => kpiApi.overview(year),
    enabled: year > 0,
    retry: false,
  });
  const units = sortOverviewUnits(query.data?.units ?? []);
  const indicators = query.data?.indicators ?? [];
  type Line = (typeof units)[number];
  const columns: ColumnsType<Line> = [
    {
      title: k('unit'),
      key: 'unit',
      fixed: 'left',
      width: 200,
      render: (_, line) => (
        <Link to={`/kpis?unit=${encodeURIComponent(line.code)}&year=${year}`} data-testid="overview-unit">
          {line.name}
        </Link>
      ),
    },
    ...indicators.map((ind) => ({
      title: (
        <Tooltip title={lang === 'en' ? ind.name_en || ind.name : ind.name}>
          <span className="small">{ind.code}</span>
        </Tooltip>
      ),
      key: ind.code,
      width: 90,
      render: (_: unknown, line: Line) => {
        const cell = line.cells.find((c) => c.kpi === ind.code);
        if (!cell) return null;
        return (
          <Tooltip title={cell.computation}>
            <span className="kpi-overview-cell" data-testid={`overview-cell-${ind.code}`} data-status={cell.status}>
              <StatusDot status={cell.status} k={k} />
              <span className="small">{formatKpiValue(cell.actual, '')}</span>
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <div className="page" data-testid="kpi-overview-page">
      <div className="page-header">
        <Typography.Title level={3}>{k('overviewTitle', { year })}</Typography.Title>
        <Space wrap>
          {year > 0 && <YearSelect year={year} onChange={(y) => navigate(`/kpis/overview?year=${y}`)} />}
          <Typography.Text type="secondary">{k('worstFirst')}</Typography.Text>
        </Space>
      </div>
      {query.error || latest.error ? (
        <ErrorAlert error={query.error ?? latest.error} />
      ) : !year || query.isLoading ? (
        <Skeleton active />
      ) : units.length === 0 ? (
        <Empty description={k('noTargets')} />
      ) : (
        <Card size="small">
          <Table<Line>
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={units}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            scroll={{ x: 200 + indicators.length * 90 }}
            data-testid="kpi-overview"
          />
        </Card>
      )}
    </div>
  );
}

// ---- The catalogue ----------------------------------------------------------------------------------------------

function IndicatorModal({ indicator, onClose }: { indicator: KpiIndicator | null; onClose: () => void }) {
  const { k } = useKpiText();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      kpiApi.saveIndicator(String(values.code ?? indicator?.code), {
        name: String(values.name ?? ''),
        name_en: String(values.name_en ?? ''),
        unit_of_measure: String(values.unit_of_measure ?? ''),
        measure: values.measure as KpiMeasure,
        comparator: values.comparator as KpiComparator,
        value: Number(values.value),
        amber_margin: Number(values.amber_margin ?? 0),
        scope: { field: (values.field as string) || null, department: null, procedure: null },
        source: String(values.source ?? ''),
      }),
    onSuccess: async () => {
      message.success(k('saved'));
      await client.invalidateQueries({ queryKey: ['kpi-catalogue'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={indicator ? `${k('edit')}: ${indicator.code}` : k('catalogueTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={k('save')}
      cancelText={k('cancel')}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          indicator
            ? { ...indicator, field: indicator.scope.field ?? '' }
            : { comparator: '>=', measure: 'manual', amber_margin: 0, unit_of_measure: '%' }
        }
        onFinish={(values) => save.mutate(values)}
      >
        {!indicator && (
          <Form.Item name="code" label={k('code')} rules={[{ required: true, pattern: /^[a-z0-9_-]{1,64}$/ }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="name" label={k('name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name_en" label={k('nameEn')}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="unit_of_measure" label={k('unitOfMeasure')} rules={[{ required: true }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="comparator" label={k('comparator')}>
            <Select style={{ width: 80 }} options={COMPARATORS.map((c) => ({ value: c, label: COMPARATOR_SIGNS[c] }))} />
          </Form.Item>
          <Form.Item name="value" label={k('value')} rules={[{ required: true }]}>
            <InputNumber decimalSeparator="," min={0} />
          </Form.Item>
          <Form.Item name="amber_margin" label={k('amberMargin')}>
            <InputNumber decimalSeparator="," min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="measure" label={k('measure')}>
          <Select options={MEASURES.map((m) => ({ value: m, label: k(`measure_${m}` as KpiTextKey) }))} />
        </Form.Item>
        <Form.Item name="field" label={k('scopeField')}>
          <Input placeholder="dat-dai" />
        </Form.Item>
        <Form.Item name="source" label={k('source')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {save.error && <ErrorAlert error={save.error} />}
    </Modal>
  );
}

export function KpiCataloguePage() {
  const { k, lang } = useKpiText();
  const { data: session } = useSession();
  const canEdit = OVERSEERS.has(session?.user?.role ?? '');
  const query = useQuery({ queryKey: ['kpi-catalogue'], queryFn: kpiApi.catalogue, retry: false });
  const [editing, setEditing] = useState<KpiIndicator | 'new' | null>(null);
  const columns: ColumnsType<KpiIndicator> = [
    { title: k('code'), dataIndex: 'code', key: 'code', width: 170 },
    {
      title: k('name'),
      key: 'name',
      render: (_, row) => (
        <div>
          <div>{lang === 'en' ? row.name_en || row.name : row.name}</div>
          <div className="muted small">{k(`measure_${row.measure}` as KpiTextKey)}</div>
        </div>
      ),
    },
    {
      title: k('target'),
      key: 'target',
      width: 130,
      render: (_, row) => formatTarget(row.comparator, row.value, row.unit_of_measure),
    },
    { title: k('source'), dataIndex: 'source', key: 'source', render: (s: string) => <span className="small">{s}</span> },
    { title: 'v', dataIndex: 'version', key: 'version', width: 48 },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_: unknown, row: KpiIndicator) => (
              <Button size="small" icon={<EditOutlined />} data-testid={`edit-kpi-${row.code}`} onClick={() => setEditing(row)} />
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="page" data-testid="kpi-catalogue-page">
      <div className="page-header">
        <Typography.Title level={3}>{k('catalogueTitle')}</Typography.Title>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-kpi">
            {k('indicator')}
          </Button>
        )}
      </div>
      {query.error ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Card size="small">
          <div className="kpi-table-wrap">
            <Table<KpiIndicator>
              size="small"
              rowKey="code"
              loading={query.isLoading}
              columns={columns}
              dataSource={query.data ?? []}
              pagination={false}
              scroll={{ x: 800 }}
            />
          </div>
        </Card>
      )}
      {editing && <IndicatorModal indicator={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
