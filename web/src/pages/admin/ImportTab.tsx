// The import tab: a file (.xlsx, .csv, .json) checked first (dry run), then imported; errors next to the rows.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, AutoComplete, Button, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { ImportKind, ImportOptions, ImportSummary } from '../../types';
import {
  errorLineCount,
  fileProblem,
  importErrorRows,
  importErrorSummary,
  importKey,
  importOptionFields,
  importOptions,
  matches,
  type ImportErrorRow,
} from './adminLogic';
import { unitOptions, useAdminUnits, useFrameworks } from './shared';

const KINDS: ImportKind[] = ['units', 'groups', 'framework', 'scores', 'all'];
const COUNTS: Array<keyof ImportSummary> = ['units', 'groups', 'frameworks', 'assessments', 'node_scores'];

/** The errors of a file, one row per error, sorted by line, the errors of one line under one line cell. */
export function ImportErrorTable({ rows }: { rows: ImportErrorRow[] }) {
  const { t } = useI18n();
  const columns: ColumnsType<ImportErrorRow> = [
    {
      title: t('line'),
      dataIndex: 'line',
      width: 80,
      className: 'num import-line',
      onCell: (r) => ({ rowSpan: r.lineSpan }),
      render: (line: number | null) => (line === null ? <span className="muted">{t('wholeFile')}</span> : <b data-testid={`error-line-${line}`}>{line}</b>),
    },
    { title: t('column'), dataIndex: 'column', width: 70, className: 'num', render: (c: number | null) => c ?? '—' },
    {
      title: t('field'),
      dataIndex: 'field',
      width: 180,
      render: (f: string, r) => (
        <span>
          {f || '—'}
          {r.path && <div className="muted small">{r.path}</div>}
        </span>
      ),
    },
    { title: t('value'), dataIndex: 'value', width: 160, render: (v: string) => (v ? <code>{v}</code> : '—') },
    { title: t('reason'), dataIndex: 'reason', render: (v: string) => <span className="import-reason">{v}</span> },
  ];
  return (
    <Table<ImportErrorRow>
      data-testid="import-errors"
      className="import-errors"
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={rows}
      rowClassName={(r) => (r.line === null ? 'import-row-file' : `import-row-line-${r.line}`)}
      pagination={false}
      scroll={{ x: 760 }}
    />
  );
}

function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  return (
    <Alert
      type="success"
      showIcon
      data-testid={summary.dry_run ? 'import-check-ok' : 'import-success'}
      message={summary.dry_run ? t('checkOk', { file: summary.file }) : t('importOk', { file: summary.file })}
      description={
        <Descriptions size="small" column={{ xs: 1, sm: 3, md: 5 }} data-testid="import-counts">
          {COUNTS.map((c) => (
            <Descriptions.Item key={c} label={t(`count_${c}` as MessageKey)}>
              <span className="num" data-testid={`count-${c}`}>
                {Number(summary[c] ?? 0)}
              </span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      }
    />
  );
}

export function ImportTab() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const initialKind = KINDS.includes(params.get('kind') as ImportKind) ? (params.get('kind') as ImportKind) : 'framework';
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [checkedKey, setCheckedKey] = useState('');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const units = useAdminUnits();
  const frameworks = useFrameworks();
  const fields = importOptionFields(kind);
  const key = importKey(kind, file, options);
  const problem = file ? fileProblem(kind, file.name) : null;

  const run = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => api.importFile(kind, file!, importOptions(kind, options), dryRun),
    onMutate: () => setSummary(null),
    onSuccess: (result, { dryRun }) => {
      setSummary(result);
      if (dryRun) {
        setCheckedKey(key);
      } else {
        setCheckedKey('');
        void message.success(t('importOk', { file: result.file }));
        // Everything may have changed: every cached answer but the session is stale.
        void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      }
    },
    onError: () => setCheckedKey(''),
  });
  const error = run.error;
  const rows = useMemo(() => (error instanceof ApiError && error.status === 400 ? importErrorRows(error.details) : []), [error]);
  const canImport = Boolean(file) && !problem && checkedKey !== '' && checkedKey === key && !run.isPending;

  const changeKind = (next: ImportKind) => {
    setKind(next);
    run.reset();
    setSummary(null);
  };

  return (
    <div data-testid="admin-import" className="admin-import">
      <Form layout="vertical">
        <Form.Item label={t('importKind')}>
          <Radio.Group
            data-testid="import-kind"
            value={kind}
            onChange={(e) => changeKind(e.target.value as ImportKind)}
            optionType="button"
            buttonStyle="solid"
            options={KINDS.map((k) => ({ value: k, label: <span data-testid={`import-kind-${k}`}>{t(`kind_${k}` as MessageKey)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          label={t('importFile')}
          validateStatus={problem ? 'error' : undefined}
          help={problem ? t(problem === 'type' ? 'fileTypeError' : 'allJsonError') : undefined}
        >
          <Upload.Dragger
            accept=".xlsx,.csv,.json"
            maxCount={1}
            multiple={false}
            data-testid="import-file"
            fileList={file ? [{ uid: 'import', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(f) => {
              setFile(f);
              run.reset();
              setSummary(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              run.reset();
              setSummary(null);
              return true;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('dropFile')}</p>
            <p className="ant-upload-hint">{t('dropFileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        {fields.length > 0 && (
          <Form.Item label={<Typography.Text type="secondary">{t('importOptionsHint')}</Typography.Text>}>
            <Space wrap>
              {fields.includes('unit') && (
                <Select
                  id="import-unit"
                  allowClear
                  showSearch
                  placeholder={t('unit')}
                  style={{ width: 260 }}
                  value={options.unit ?? undefined}
                  onChange={(v: string | undefined) => setOptions({ ...options, unit: v ?? null })}
                  filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
                  options={unitOptions(units.data)}
                />
              )}
              {fields.includes('year') && (
                <InputNumber
                  id="import-year"
                  placeholder={t('year')}
                  min={1900}
                  max={2200}
                  precision={0}
                  value={options.year ?? null}
                  onChange={(v) => setOptions({ ...options, year: v === null ? null : Number(v) })}
                />
              )}
              {fields.includes('framework') && (
                <AutoComplete
                  id="import-framework"
                  allowClear
                  placeholder={t('framework')}
                  style={{ width: 260 }}
                  value={options.framework ?? ''}
                  onChange={(v: string | undefined) => setOptions({ ...options, framework: v || null })}
                  filterOption={(input, option) => matches(input, String(option?.value ?? ''))}
                  options={(frameworks.data ?? []).map((f) => ({ value: f.code }))}
                />
              )}
              {fields.includes('sheet') && (
                <Input
                  id="import-sheet"
                  placeholder={t('sheet')}
                  style={{ width: 180 }}
                  value={options.sheet ?? ''}
                  onChange={(e) => setOptions({ ...options, sheet: e.target.value })}
                />
              )}
            </Space>
          </Form.Item>
        )}
        <Space wrap>
          <Button
            data-testid="import-check"
            disabled={!file || Boolean(problem)}
            loading={run.isPending && run.variables?.dryRun === true}
            onClick={() => run.mutate({ dryRun: true })}
          >
            {t('check')}
          </Button>
          <Button
            type="primary"
            data-testid="import-run"
            disabled={!canImport}
            loading={run.isPending && run.variables?.dryRun === false}
            onClick={() => run.mutate({ dryRun: false })}
          >
            {t('doImport')}
          </Button>
          {!canImport && file && !problem && !(summary && !summary.dry_run) && <Typography.Text type="secondary">{t('checkFirst')}</Typography.Text>}
        </Space>
      </Form>

      <div className="import-outcome" style={{ marginTop: 16 }}>
        {summary && <ImportSummaryView summary={summary} />}
        {error instanceof ApiError && error.status === 400 && error.details.length > 0 ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="import-error-summary"
              message={importErrorSummary(error.message, t('nothingWritten'))}
              description={`${t('importErrorsTitle')}: ${errorLineCount(rows)}`}
            />
            <ImportErrorTable rows={rows} />
          </Space>
        ) : error instanceof ApiError && error.status === 409 ? (
          <div data-testid="import-conflict">
            <Alert type="warning" showIcon message={t('publishedConflict')} />
            <ErrorAlert error={error} />
          </div>
        ) : (
          error && (
            <div data-testid="import-error-summary">
              <ErrorAlert error={error} />
            </div>
          )
        )}
      </div>
    </div>
  );
}
