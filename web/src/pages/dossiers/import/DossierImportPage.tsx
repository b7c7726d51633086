// /dossiers/import — a unit imports the export of its one-stop software (issue 5 §1): a file picker with upload
// progress, a mapping chooser and editor (the file's columns from the preview, a column per dossier field, value
// maps for status and channel, strict or automatic dictionaries), "Kiểm tra" (a dry run) and "Nhập", skipping bad
// rows on request, the error table by line, the bad-row report and the unit's import history.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Popconfirm, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api';
import { useSession } from '../../../auth';
import { formatNumber } from '../../../format';
import type { ErrorDetail } from '../../../types';
import {
  distinctValues, emptyMapping, formatOfName, guessColumns, importApi, missingRequired,
  type DossierMapping, type FilePreview, type ImportRecord, type ImportResult, type MappingField,
} from './importApi';
import { CHANNELS, STATUSES, useImportText, type ImportTranslate } from './importText';
import './import.css';

const STANDARD = '';

/** `2025-06-02T08:00:00Z` as dd/mm/yyyy hh:mm in Việt Nam time. */
export function formatImportedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Date(date.getTime() + 7 * 3600 * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

function ErrorTable({ errors, x }: { errors: ErrorDetail[]; x: ImportTranslate }) {
  const columns: ColumnsType<ErrorDetail & { key: number }> = [
    { title: x('line'), dataIndex: 'line', width: 70, render: (v: number | null | undefined) => v ?? '' },
    { title: x('column'), dataIndex: 'column', width: 70, render: (v: number | null | undefined) => v ?? '' },
    { title: x('where'), dataIndex: 'path' },
    { title: x('field'), dataIndex: 'field' },
    { title: x('value'), dataIndex: 'value', render: (v: string) => <code>{v}</code> },
    { title: x('reason'), dataIndex: 'reason' },
  ];
  return (
    <Table
      size="small"
      data-testid="import-errors"
      className="import-errors"
      rowKey="key"
      columns={columns}
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      pagination={errors.length > 20 ? { pageSize: 20 } : false}
    />
  );
}

function MappingEditor({
  initial, fields, preview, onPreview, previewing, onSaved, onCancel, x,
}: {
  initial: DossierMapping;
  fields: MappingField[];
  preview: FilePreview | null;
  onPreview: (m: DossierMapping) => void;
  previewing: boolean;
  onSaved: (m: DossierMapping) => void;
  onCancel: () => void;
  x: ImportTranslate;
}) {
  const { lang } = useImportText();
  const [m, setM] = useState<DossierMapping>(initial);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (preview) setM((current) => ({ ...current, columns: guessColumns(preview.headers, fields, current.columns) }));
  }, [preview, fields]);
  const set = (patch: Partial<DossierMapping>) => setM((current) => ({ ...current, ...patch }));
  const headers = preview?.headers ?? [];
  const sample = (header: string | undefined) => {
    if (!preview || !header) return '';
    const i = preview.headers.indexOf(header);
    return i < 0 ? '' : (preview.rows.find((r) => (r[i] ?? '') !== '')?.[i] ?? '');
  };
  const missing = missingRequired(m, fields);
  const statusTexts = distinctValues(preview, m.columns.status);
  const channelTexts = distinctValues(preview, m.columns.channel);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      // Only the value maps of texts that are in the file (or were saved before) are kept.
      const saved = await importApi.saveMapping(m);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const valueMap = (kind: 'status' | 'channel', texts: string[]) => {
    const key = kind === 'status' ? 'status_values' : 'channel_values';
    const options = kind === 'status' ? STATUSES : CHANNELS;
    const all = [...new Set([...texts, ...Object.keys(m[key])])];
    if (all.length === 0) return null;
    return (
      <table className="import-map-table" data-testid={`mapping-${kind}-values`}>
        <thead>
          <tr>
            <th>{x('fileValue')}</th>
            <th>{x('ourValue')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((text) => (
            <tr key={text}>
              <td>{text}</td>
              <td>
                <select
                  aria-label={`${kind} ${text}`}
                  data-testid={`mapping-${kind}-value`}
                  value={m[key][text] ?? ''}
                  onChange={(e) => {
                    const next = { ...m[key] };
                    if (e.target.value) next[text] = e.target.value;
                    else delete next[text];
                    set({ [key]: next } as Partial<DossierMapping>);
                  }}
                >
                  <option value="">{x('keepAsIs')}</option>
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {x(`${kind}_${o}` as Parameters<ImportTranslate>[0])}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  };
  return (
    <Card title={x('editorTitle')} data-testid="mapping-editor" className="import-editor">
      <div className="import-form-grid">
        <label>
          {x('name')}
          <input data-testid="mapping-name" value={m.name} placeholder={x('nameHint')} onChange={(e) => set({ name: e.target.value.trim() })} />
        </label>
        <label>
          {x('description')}
          <input data-testid="mapping-description" value={m.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
        <label>
          {x('format')}
          <select data-testid="mapping-format" value={m.format} onChange={(e) => set({ format: e.target.value as DossierMapping['format'] })}>
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (.xlsx)</option>
            <option value="json">JSON</option>
          </select>
        </label>
        {m.format === 'json' && (
          <label>
            {x('jsonPath')}
            <input data-testid="mapping-json-path" value={m.json_path} placeholder="data.items" onChange={(e) => set({ json_path: e.target.value.trim() })} />
          </label>
        )}
        {m.format === 'xlsx' && (
          <label>
            {x('sheet')}
            <input data-testid="mapping-sheet" value={m.sheet} onChange={(e) => set({ sheet: e.target.value })} />
          </label>
        )}
        {m.format !== 'json' && (
          <label>
            {x('headerRow')}
            <input
              data-testid="mapping-header-row"
              type="number"
              min={1}
              max={1000}
              value={m.header_row}
              onChange={(e) => set({ header_row: Math.max(1, Number(e.target.value) || 1) })}
            />
          </label>
        )}
        <div>
          <Button onClick={() => onPreview(m)} loading={previewing} data-testid="mapping-reload">
            {x('reloadPreview')}
          </Button>
        </div>
      </div>
      {preview ? (
        <Typography.Paragraph type="secondary">{x('editorIntro', { count: formatNumber(preview.total_rows) })}</Typography.Paragraph>
      ) : (
        <Alert type="info" showIcon message={x('previewFirst')} />
      )}
      <table className="import-map-table" data-testid="mapping-columns">
        <thead>
          <tr>
            <th>{x('dossierField')}</th>
            <th>{x('sourceColumn')}</th>
            <th>{x('sample')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.name}>
              <td>
                {lang === 'en' ? f.label_en : f.label}
                {f.required && f.name !== 'unit' ? <span className="import-required"> ({x('required')})</span> : null}
              </td>
              <td>
                <select
                  aria-label={lang === 'en' ? f.label_en : f.label}
                  data-testid={`mapping-column-${f.name}`}
                  value={m.columns[f.name] ?? ''}
                  onChange={(e) => {
                    const columns = { ...m.columns };
                    if (e.target.value) columns[f.name] = e.target.value;
                    else delete columns[f.name];
                    set({ columns });
                  }}
                >
                  <option value="">{x('notInFile')}</option>
                  {[...new Set([...headers, ...(m.columns[f.name] ? [m.columns[f.name]] : [])])].map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
              <td className="import-sample">{sample(m.columns[f.name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="import-form-grid">
        <label>
          {x('timeFormat')}
          <select data-testid="mapping-time-format" value={m.time_format} onChange={(e) => set({ time_format: e.target.value as DossierMapping['time_format'] })}>
            <option value="auto">{x('time_auto')}</option>
            <option value="iso">{x('time_iso')}</option>
            <option value="vn">{x('time_vn')}</option>
          </select>
        </label>
        <label>
          {x('dictionaries')}
          <select data-testid="mapping-dictionaries" value={m.dictionaries} onChange={(e) => set({ dictionaries: e.target.value as DossierMapping['dictionaries'] })}>
            <option value="auto">{x('dict_auto')}</option>
            <option value="strict">{x('dict_strict')}</option>
          </select>
        </label>
        <label>
          {x('defaultUnit')}
          <input data-testid="mapping-default-unit" value={m.default_unit} onChange={(e) => set({ default_unit: e.target.value.trim() })} />
        </label>
      </div>
      {statusTexts.length + Object.keys(m.status_values).length > 0 && <Typography.Title level={5}>{x('statusValues')}</Typography.Title>}
      {valueMap('status', statusTexts)}
      {channelTexts.length + Object.keys(m.channel_values).length > 0 && <Typography.Title level={5}>{x('channelValues')}</Typography.Title>}
      {valueMap('channel', channelTexts)}
      {missing.length > 0 && (
        <Alert type="warning" showIcon data-testid="mapping-missing" message={x('missing', { fields: missing.map((f) => (lang === 'en' ? f.label_en : f.label)).join(', ') })} />
      )}
      {error ? <ImportError error={error} x={x} /> : null}
      <Space className="import-actions">
        <Button type="primary" onClick={save} loading={saving} disabled={!m.name} data-testid="mapping-save">
          {x('save')}
        </Button>
        <Button onClick={onCancel}>{x('cancel')}</Button>
      </Space>
    </Card>
  );
}

function ImportError({ error, x }: { error: unknown; x: ImportTranslate }) {
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  return (
    <div data-testid="import-error">
      <Alert type="error" showIcon role="alert" message={message} />
      {apiError && apiError.details.some((d) => d.reason) ? (
        <>
          <Typography.Title level={5}>{x('errorsTitle')}</Typography.Title>
          <ErrorTable errors={apiError.details} x={x} />
        </>
      ) : null}
    </div>
  );
}

export function DossierImportPage() {
  const { x } = useImportText();
  const session = useSession();
  const client = useQueryClient();
  const user = session.data?.user;
  const isAdmin = user?.role === 'administrator' || user?.role === 'admin';
  const [chosenUnit, setChosenUnit] = useState<string>('');
  const unit = isAdmin ? chosenUnit : (user?.unit ?? '');
  const units = useQuery({ queryKey: ['units'], queryFn: api.units, enabled: Boolean(isAdmin) });
  const mappings = useQuery({ queryKey: ['dossier-mappings'], queryFn: importApi.mappings, enabled: Boolean(user) });
  const history = useQuery({ queryKey: ['dossier-imports', unit], queryFn: () => importApi.history(unit), enabled: Boolean(unit) });
  const [file, setFile] = useState<File | null>(null);
  const [mappingName, setMappingName] = useState<string>(STANDARD);
  const [editing, setEditing] = useState<DossierMapping | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [skipBad, setSkipBad] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fields = mappings.data?.fields ?? [];
  const saved = useMemo(() => mappings.data?.mappings ?? [], [mappings.data]);

  const loadPreview = async (m: DossierMapping) => {
    if (!file || !unit) return;
    setPreviewing(true);
    setError(null);
    try {
      setPreview(
        await importApi.preview(unit, file, { format: m.format, json_path: m.json_path, sheet: m.sheet, header_row: m.header_row }, setProgress),
      );
    } catch (e) {
      setError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const openEditor = (existing: DossierMapping | null) => {
    const format = file ? formatOfName(file.name) : 'csv';
    const m = existing ?? emptyMapping('', format);
    setEditing(m);
    setPreview(null);
    void loadPreview(m);
  };

  const run = async (dryRun: boolean) => {
    if (!file || !unit) return;
    setBusy(true);
    setResult(null);
    setError(null);
    setProgress(0);
    try {
      const answer = await importApi.importFile(unit, file, { mapping: mappingName || null, dry_run: dryRun, skip_bad: skipBad }, setProgress);
      setResult(answer);
      if (!dryRun) {
        await client.invalidateQueries({ queryKey: ['dossier-imports', unit] });
        await client.invalidateQueries({ queryKey: ['dossier-stats'] });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const historyColumns: ColumnsType<ImportRecord> = [
    { title: x('when'), dataIndex: 'imported_at', render: (v: string) => formatImportedAt(v) },
    { title: x('file'), dataIndex: 'file' },
    { title: x('mapping'), dataIndex: 'mapping' },
    { title: x('who'), dataIndex: 'username' },
    { title: x('rows'), dataIndex: 'rows', align: 'right', render: (v: number) => formatNumber(v) },
    { title: x('inserted'), dataIndex: 'inserted', align: 'right', render: (v: number) => formatNumber(v) },
    { title: x('updated'), dataIndex: 'updated', align: 'right', render: (v: number) => formatNumber(v) },
    { title: x('skippedRows'), dataIndex: 'skipped', align: 'right', render: (v: number) => formatNumber(v) },
    {
      title: x('report'),
      dataIndex: 'report',
      render: (v: string | null) => (v ? <a href={v}>{x('downloadReport')}</a> : ''),
    },
  ];

  return (
    <div className="dossier-import-page">
      <Typography.Title level={2}>{x('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{x('intro')}</Typography.Paragraph>
      <Card>
        <div className="import-form-grid">
          <label>
            {x('unit')}
            {isAdmin ? (
              <select data-testid="import-unit" value={chosenUnit} onChange={(e) => setChosenUnit(e.target.value)}>
                <option value="">{x('chooseUnit')}</option>
                {(units.data ?? []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </select>
            ) : (
              <input data-testid="import-unit" value={unit} readOnly />
            )}
          </label>
          <label>
            {x('file')}
            <input
              type="file"
              data-testid="import-file"
              accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
                setError(null);
                setPreview(null);
                setProgress(null);
              }}
            />
          </label>
          <label>
            {x('mapping')}
            <select data-testid="import-mapping" value={mappingName} onChange={(e) => setMappingName(e.target.value)}>
              <option value={STANDARD}>{x('standardLayout')}</option>
              {saved.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                  {m.description ? ` — ${m.description}` : ''} (v{m.version})
                </option>
              ))}
            </select>
          </label>
        </div>
        <Space wrap className="import-actions">
          <Button onClick={() => openEditor(null)} disabled={!file || !unit} data-testid="mapping-new">
            {x('newMapping')}
          </Button>
          <Button
            onClick={() => openEditor(saved.find((m) => m.name === mappingName) ?? null)}
            disabled={!mappingName || !file || !unit}
            data-testid="mapping-edit"
          >
            {x('editMapping')}
          </Button>
          <Popconfirm
            title={x('deleteConfirm', { name: mappingName })}
            onConfirm={async () => {
              await importApi.deleteMapping(mappingName);
              setMappingName(STANDARD);
              await client.invalidateQueries({ queryKey: ['dossier-mappings'] });
            }}
          >
            <Button danger disabled={!mappingName}>
              {x('deleteMapping')}
            </Button>
          </Popconfirm>
        </Space>
        {editing ? (
          <MappingEditor
            key={`${editing.name}-${editing.version ?? 0}`}
            initial={editing}
            fields={fields}
            preview={preview}
            previewing={previewing}
            onPreview={(m) => void loadPreview(m)}
            onCancel={() => setEditing(null)}
            onSaved={async (m) => {
              await client.invalidateQueries({ queryKey: ['dossier-mappings'] });
              setMappingName(m.name);
              setEditing(null);
              setResult(null);
            }}
            x={x}
          />
        ) : null}
        <div className="import-run">
          <Checkbox checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} data-testid="import-skip-bad">
            {x('skipBad')}
          </Checkbox>
          <Typography.Text type="secondary">{x('skipBadHint')}</Typography.Text>
          <Space>
            <Button onClick={() => run(true)} disabled={!file || !unit || busy} data-testid="import-check">
              {x('check')}
            </Button>
            <Button type="primary" onClick={() => run(false)} disabled={!file || !unit || busy} loading={busy} data-testid="import-run">
              {x('import')}
            </Button>
          </Space>
          {progress !== null && (busy || previewing) ? (
            <Progress percent={progress} size="small" data-testid="import-progress" format={(p) => x('uploading', { percent: p ?? 0 })} />
          ) : null}
        </div>
        {result ? (
          <div data-testid="import-result">
            <Alert
              type={result.skipped > 0 ? 'warning' : 'success'}
              showIcon
              message={
                result.dry_run
                  ? x('checked', { rows: formatNumber(result.rows) })
                  : x('imported', { rows: formatNumber(result.rows), inserted: formatNumber(result.inserted), updated: formatNumber(result.updated) })
              }
              description={result.skipped > 0 ? x('skipped', { skipped: formatNumber(result.skipped), errors: formatNumber(result.error_count) }) : undefined}
            />
            {result.report ? (
              <a href={result.report} data-testid="import-report">
                {x('downloadReport')}
              </a>
            ) : null}
            {result.errors.length > 0 ? (
              <>
                <Typography.Title level={5}>{x('errorsTitle')}</Typography.Title>
                <ErrorTable errors={result.errors} x={x} />
              </>
            ) : null}
          </div>
        ) : null}
        {error ? <ImportError error={error} x={x} /> : null}
      </Card>
      {unit ? (
        <Card title={x('history')} className="import-history">
          <Table
            size="small"
            rowKey="id"
            data-testid="import-history"
            columns={historyColumns}
            dataSource={history.data?.imports ?? []}
            loading={history.isLoading}
            locale={{ emptyText: x('historyEmpty') }}
            pagination={false}
          />
        </Card>
      ) : null}
    </div>
  );
}
