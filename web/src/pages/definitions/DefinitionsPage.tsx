// /dossiers/rules: the definition sets of the dossier statistics (issue 5 §2). Administrators and appraisers save
// new versions and activate a set; everyone else reads. A preview computes a unit-year's on-time rate under the set.
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { useLatestYear, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { definitionsApi } from './definitionsApi';
import { DENOMINATORS, FORM_FIELD, fromForm, onTimeParts, percentText, toForm, vietnamTime, type DefinitionForm } from './definitionLogic';
import { useDefinitionText } from './definitionText';
import type { DefinitionSet, DefinitionSetView } from './definitionTypes';

export function DefinitionsPage() {
  const tx = useDefinitionText();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: ['definitions'], queryFn: definitionsApi.list });
  const code = params.get('code') ?? list.data?.active ?? 'default';
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const [newCode, setNewCode] = useState('');

  const open = (next: string, nextVersion?: number) => {
    const p: Record<string, string> = { code: next };
    if (nextVersion) p.version = String(nextVersion);
    setParams(p);
  };

  return (
    <div className="definitions-page" data-testid="definitions-page">
      <Typography.Title level={2}>{tx('title')}</Typography.Title>
      <Typography.Paragraph>{tx('intro')}</Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && !list.data.can_edit && <Alert type="info" showIcon message={tx('readOnly')} style={{ marginBottom: 16 }} />}
      <Card title={tx('sets')} size="small" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey={(r) => r.definition.code}
          loading={list.isLoading}
          pagination={false}
          dataSource={list.data?.definition_sets ?? []}
          data-testid="definition-list"
          rowClassName={(r) => (r.definition.code === code ? 'definition-selected' : '')}
          columns={[
            { title: tx('code'), render: (_, r) => <Link to={`?code=${encodeURIComponent(r.definition.code)}`} data-testid={`definition-${r.definition.code}`}>{r.definition.code}</Link> },
            {
              title: tx('name'),
              render: (_, r) => (
                <Space>
                  {r.definition.name}
                  {r.active && <Tag color="green" data-testid="active-tag">{tx('active')}</Tag>}
                </Space>
              ),
            },
            { title: tx('version'), align: 'right', render: (_, r) => r.definition.version },
            { title: tx('denominator'), render: (_, r) => tx(`den_${r.definition.denominator}`) },
            { title: tx('savedBy'), render: (_, r) => r.saved_by || tx('builtIn') },
            { title: tx('savedAt'), render: (_, r) => vietnamTime(r.saved_at) },
          ]}
        />
        {list.data?.can_edit && (
          <Space style={{ marginTop: 12 }}>
            <Input
              placeholder={tx('newCode')}
              value={newCode}
              onChange={(e) => setNewCode(e.target.value.trim())}
              style={{ width: 280 }}
              data-testid="new-code"
            />
            <Button disabled={!/^[A-Za-z0-9._-]{1,64}$/.test(newCode)} onClick={() => open(newCode)} data-testid="new-set">
              {tx('create')}
            </Button>
          </Space>
        )}
      </Card>
      <DefinitionEditor
        key={`${code}@${version ?? 'latest'}`}
        code={code}
        version={version}
        canEditList={list.data?.can_edit ?? false}
        onOpen={open}
      />
    </div>
  );
}

function DefinitionEditor({
  code,
  version,
  canEditList,
  onOpen,
}: {
  code: string;
  version?: number;
  canEditList: boolean;
  onOpen: (code: string, version?: number) => void;
}) {
  const tx = useDefinitionText();
  const client = useQueryClient();
  const [form] = Form.useForm<DefinitionForm>();
  const view = useQuery({
    queryKey: ['definition', code, version ?? null],
    queryFn: () => definitionsApi.get(code, version),
    retry: false,
  });
  // A code with no version yet starts from the default set (the "create" button).
  const isNew = view.error instanceof ApiError && view.error.status === 404 && !version;
  const base = useQuery({ queryKey: ['definition', 'active-base'], queryFn: () => definitionsApi.get('default'), enabled: isNew });
  const shown: DefinitionSetView | undefined = view.data ?? (isNew ? base.data : undefined);
  const canEdit = view.data?.can_edit ?? canEditList;
  const dayLevel = Form.useWatch('day_level', form);

  useEffect(() => {
    if (shown) form.setFieldsValue(toForm(shown.definition));
  }, [shown, form]);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['definitions'] });
    await client.invalidateQueries({ queryKey: ['definition', code] });
  };
  const save = useMutation({
    // The set shown, with the form's values over it: fields the form does not show (the 766 point table) are kept.
    mutationFn: (values: DefinitionForm) => {
      const { code: _code, version: _version, ...rest } = shown?.definition ?? ({} as Partial<DefinitionSet>);
      return definitionsApi.save(code, { ...rest, ...fromForm(values) });
    },
    onSuccess: async (saved) => {
      message.success(tx('saved', { version: saved.definition.version }));
      await refresh();
      onOpen(code);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        form.setFields(
          error.details
            .filter((d) => d.field && FORM_FIELD[d.field])
            .map((d) => ({ name: FORM_FIELD[d.field as string], errors: [d.reason ?? ''] })),
        );
      }
    },
  });
  const activate = useMutation({
    mutationFn: () => definitionsApi.activate(code),
    onSuccess: async () => {
      message.success(tx('activated', { code }));
      await refresh();
    },
  });

  if (view.isLoading || (isNew && base.isLoading)) return <Card loading />;
  if (view.error && !isNew) return <ErrorAlert error={view.error} />;
  if (!shown) return null;
  const number = isNew ? 1 : shown.definition.version;
  const hours = tx('hours');

  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Card
          size="small"
          title={<span data-testid="definition-title">{tx('editing', { code, version: number })}</span>}
          extra={view.data?.active ? <Tag color="green">{tx('isActive')}</Tag> : null}
        >
          {view.data && !view.data.latest && <Alert type="warning" showIcon message={tx('olderVersion')} style={{ marginBottom: 12 }} />}
          {save.error && <ErrorAlert error={save.error} />}
          {activate.error && <ErrorAlert error={activate.error} />}
          <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(values) => save.mutate(values)} data-testid="definition-form">
            <Form.Item name="name" label={tx('nameVi')} rules={[{ required: true, message: tx('nameVi') }]}>
              <Input data-testid="field-name" />
            </Form.Item>
            <Form.Item name="name_en" label={tx('nameEn')}>
              <Input />
            </Form.Item>
            <Typography.Title level={5}>{tx('timeliness')}</Typography.Title>
            <Form.Item name="day_level" label={tx('dayLevel')} valuePropName="checked" extra={tx('dayLevelHelp')}>
              <Switch data-testid="field-day-level" />
            </Form.Item>
            {!dayLevel ? (
              <Form.Item name="early_hours" label={tx('earlyHours')} extra={tx('earlyHoursHelp')}>
                <InputNumber min={0} max={8784} addonAfter={hours} data-testid="field-early-hours" />
              </Form.Item>
            ) : (
              <Form.Item name="early_days" label={tx('earlyDays')} extra={tx('earlyDaysHelp')}>
                <InputNumber min={1} max={366} addonAfter={tx('days')} />
              </Form.Item>
            )}
            <Form.Item name="grace_hours" label={tx('graceHours')} extra={tx('graceHoursHelp')}>
              <InputNumber min={0} max={8784} addonAfter={hours} data-testid="field-grace-hours" />
            </Form.Item>
            <Form.Item name="denominator" label={tx('denominator')} extra={tx('denominatorHelp')}>
              <Radio.Group data-testid="field-denominator">
                <Space direction="vertical">
                  {DENOMINATORS.map((d) => (
                    <Radio key={d} value={d} data-testid={`denominator-${d}`}>
                      <strong>{tx(`den_${d}`)}</strong> — {tx(`den_${d}_help`)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Typography.Title level={5}>{tx('setAside')}</Typography.Title>
            <Typography.Paragraph type="secondary">{tx('setAsideHelp')}</Typography.Paragraph>
            <Form.Item name="count_returned" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{tx('countReturned')}</Checkbox>
            </Form.Item>
            <Form.Item name="count_withdrawn" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{tx('countWithdrawn')}</Checkbox>
            </Form.Item>
            <Form.Item name="count_rejected" valuePropName="checked">
              <Checkbox>{tx('countRejected')}</Checkbox>
            </Form.Item>
            <Form.Item name="due_soon_days" label={tx('dueSoonDays')} extra={tx('dueSoonDaysHelp')}>
              <InputNumber min={0} max={366} addonAfter={tx('days')} />
            </Form.Item>
            <Typography.Title level={5}>{tx('apology')}</Typography.Title>
            <Form.Item name="apology_lead_hours" label={tx('apologyLeadHours')} extra={tx('apologyLeadHoursHelp')}>
              <InputNumber min={0} max={8784} addonAfter={hours} />
            </Form.Item>
            <Form.Item name="max_apologies" label={tx('maxApologies')} extra={tx('maxApologiesHelp')}>
              <InputNumber min={0} max={10} />
            </Form.Item>
            <Typography.Title level={5}>{tx('supplement')}</Typography.Title>
            <Form.Item name="supplement_fault_threshold" label={tx('supplementThreshold')} extra={tx('supplementThresholdHelp')}>
              <InputNumber min={1} max={100} />
            </Form.Item>
            {canEdit && (
              <Space>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-definition">
                  {tx('save')}
                </Button>
                {view.data && !view.data.active && (
                  <Button onClick={() => activate.mutate()} loading={activate.isPending} data-testid="activate-definition">
                    {tx('activate')}
                  </Button>
                )}
              </Space>
            )}
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        {view.data && (
          <Card size="small" title={tx('history')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="version"
              pagination={false}
              dataSource={view.data.versions}
              data-testid="definition-history"
              columns={[
                { title: tx('version'), dataIndex: 'version', align: 'right' },
                { title: tx('savedBy'), render: (_, v) => v.saved_by || tx('builtIn') },
                { title: tx('savedAt'), render: (_, v) => vietnamTime(v.saved_at) },
                {
                  title: '',
                  render: (_, v) =>
                    v.version === shown.definition.version ? null : (
                      <Button size="small" type="link" onClick={() => onOpen(code, v.version)}>
                        {tx('view')}
                      </Button>
                    ),
                },
              ]}
            />
          </Card>
        )}
        {view.data && <Preview code={code} view={view.data} />}
      </Col>
    </Row>
  );
}

function Preview({ code, view }: { code: string; view: DefinitionSetView }) {
  const tx = useDefinitionText();
  const { lang } = useI18n();
  const { data: session } = useSession();
  const latest = useLatestYear();
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const [unit, setUnit] = useState<string | undefined>(session?.user?.unit || undefined);
  const [year, setYear] = useState<number | null>(null);
  const chosenUnit = unit ?? units.data?.[0]?.code;
  const chosenYear = year ?? latest.year;
  const [asked, setAsked] = useState<{ unit: string; year: number } | null>(null);
  const stats = useQuery({
    queryKey: ['definition-preview', code, view.definition.version, asked?.unit, asked?.year],
    queryFn: () => definitionsApi.preview(asked!.unit, asked!.year, code, view.definition.version),
    enabled: asked !== null,
    retry: false,
  });
  const unitName = stats.data?.unit.name ?? asked?.unit ?? '';
  const rate = stats.data ? percentText(stats.data.total.rates.on_time, lang) : null;
  const [numerator, denominator] = stats.data ? onTimeParts(stats.data.total.counters, view.definition.denominator) : [0, 0];
  return (
    <Card size="small" title={tx('preview')}>
      <Space wrap>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          placeholder={tx('previewUnit')}
          value={chosenUnit}
          onChange={setUnit}
          options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          data-testid="preview-unit"
        />
        <InputNumber id="preview-year" min={1900} max={2200} value={chosenYear} onChange={(v) => setYear(v ?? null)} />
        <Button disabled={!chosenUnit} onClick={() => chosenUnit && setAsked({ unit: chosenUnit, year: chosenYear })} data-testid="preview-run">
          {tx('previewRun')}
        </Button>
      </Space>
      {stats.error && <ErrorAlert error={stats.error} />}
      {stats.data && asked && (
        <div style={{ marginTop: 12 }} data-testid="preview-result">
          <Typography.Paragraph strong>
            {tx('previewResult', { unit: unitName, year: asked.year, rate: rate ?? tx('noRate') })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{tx('previewCounts', { numerator, denominator })}</Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}
