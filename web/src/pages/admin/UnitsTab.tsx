// The units tab: list with a diacritic-insensitive search; create or edit a unit with its departments.
import { useState } from 'react';
import { App as AntApp, AutoComplete, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { UnitDetail, UnitInput } from '../../types';
import { compareVi, matches } from './adminLogic';
import { applyServerErrors, FormError, unitOptions, useAdminUnits } from './shared';

const UNIT_TYPES = ['province', 'district', 'commune', 'ward', 'town', 'department'];
const UNIT_FIELDS = ['code', 'name', 'type', 'parent', 'valid_from', 'valid_to', 'successor', 'demo', 'departments'];

type UnitFormValues = UnitInput & { code: string };

function typeLabel(t: (k: MessageKey) => string, type: string): string {
  const key = `unitType_${type}` as MessageKey;
  const text = t(key);
  return text === key ? type : text;
}

function UnitForm({ editing, units, onClose }: { editing: UnitDetail | null; units: UnitDetail[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<UnitFormValues>();
  const [marked, setMarked] = useState(false);
  const others = units.filter((u) => u.code !== editing?.code);
  const save = useMutation({
    mutationFn: (values: UnitFormValues) =>
      api.saveUnit(values.code.trim(), {
        name: values.name.trim(),
        type: values.type ?? '',
        parent: values.parent || null,
        valid_from: values.valid_from ?? null,
        valid_to: values.valid_to ?? null,
        successor: values.successor || null,
        demo: Boolean(values.demo),
        departments: (values.departments ?? []).map((d) => ({ code: (d.code ?? '').trim(), name: (d.name ?? '').trim() })),
      }),
    onSuccess: (_unit, values) => {
      void message.success(t('unitSaved', { name: values.name }));
      void client.invalidateQueries({ queryKey: ['admin', 'units'] });
      void client.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
    onError: (error) => setMarked(applyServerErrors(form, error, UNIT_FIELDS) !== null),
  });
  return (
    <Modal
      open
      title={editing ? t('editUnit', { name: editing.name }) : t('addUnit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'unit-save' } as Record<string, string>}
      destroyOnHidden
      width={720}
    >
      <FormError error={save.error} fieldsMarked={marked} />
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        data-testid="unit-form"
        initialValues={
          editing
            ? {
                ...editing,
                parent: editing.parent || undefined,
                successor: editing.successor || undefined,
                departments: editing.departments ?? [],
              }
            : { departments: [], demo: false }
        }
        onFinish={(values) => {
          setMarked(false);
          save.mutate(values);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('code')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input id="unit-code" disabled={Boolean(editing)} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('unitName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input id="unit-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="type" label={t('unitType')}>
              <AutoComplete id="unit-type" options={UNIT_TYPES.map((v) => ({ value: v, label: `${typeLabel(t, v)} (${v})` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="parent" label={t('parentUnit')}>
              <Select
                id="unit-parent"
                allowClear
                showSearch
                filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
                options={unitOptions(others)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="valid_from" label={t('validFrom')}>
              <InputNumber id="unit-valid-from" min={1900} max={2200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="valid_to"
              label={t('validTo')}
              dependencies={['valid_from']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value) => {
                    const from = getFieldValue('valid_from');
                    return value && from && value < from ? Promise.reject(new Error(`≥ ${from}`)) : Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber id="unit-valid-to" min={1900} max={2200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={18} sm={8}>
            <Form.Item name="successor" label={t('successor')}>
              <Select
                id="unit-successor"
                allowClear
                showSearch
                filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
                options={unitOptions(others)}
              />
            </Form.Item>
          </Col>
          <Col xs={6} sm={4}>
            <Form.Item name="demo" label={t('demoData')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('departments')}>
          <Form.List name="departments">
            {(fields, { add, remove }) => (
              <div data-testid="unit-departments">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'code']} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                      <Input placeholder={t('departmentCode')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                      <Input placeholder={t('departmentName')} style={{ width: 340 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('remove')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ code: '', name: '' })} icon={<PlusOutlined />}>
                  {t('addDepartment')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitsTab() {
  const { t } = useI18n();
  const units = useAdminUnits();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<UnitDetail | null>(null);
  const [open, setOpen] = useState(false);
  const all = units.data ?? [];
  const nameOf = (code: string | null | undefined) => (code ? (all.find((u) => u.code === code)?.name ?? code) : '');
  const rows = all.filter((u) => matches(search, u.code, u.name));
  const columns: ColumnsType<UnitDetail> = [
    { title: t('code'), dataIndex: 'code', width: 140, sorter: (a, b) => compareVi(a.code, b.code) },
    {
      title: t('unitName'),
      dataIndex: 'name',
      sorter: (a, b) => compareVi(a.name, b.name),
      defaultSortOrder: 'ascend',
      render: (name: string, u) => (
        <span>
          {name} {u.demo && <Tag color="gold">{t('demoUnit')}</Tag>}
        </span>
      ),
    },
    { title: t('unitType'), dataIndex: 'type', width: 150, render: (v: string) => (v ? typeLabel(t, v) : '—') },
    { title: t('parentUnit'), dataIndex: 'parent', render: (v: string | null) => nameOf(v) || '—', sorter: (a, b) => compareVi(nameOf(a.parent), nameOf(b.parent)) },
    {
      title: t('validYears'),
      key: 'valid',
      width: 130,
      render: (_: unknown, u) => (u.valid_from || u.valid_to ? `${u.valid_from ?? '…'}–${u.valid_to ?? '…'}` : '—'),
    },
    { title: t('successor'), dataIndex: 'successor', render: (v: string | null) => nameOf(v) || '—' },
    { title: t('departments'), key: 'departments', width: 110, render: (_: unknown, u) => u.departments?.length ?? 0 },
    {
      title: t('actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, u) => (
        <Button
          size="small"
          data-testid={`unit-edit-${u.code}`}
          onClick={() => {
            setEditing(u);
            setOpen(true);
          }}
        >
          {t('edit')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="admin-units">
      <Space className="admin-toolbar" wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('searchUnits')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 380 }}
          data-testid="unit-search"
        />
        <Button
          type="primary"
          data-testid="unit-add"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          {t('addUnit')}
        </Button>
      </Space>
      <ErrorAlert error={units.error} />
      <Table<UnitDetail>
        data-testid="units-table"
        size="small"
        rowKey="code"
        loading={units.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
      />
      {open && <UnitForm editing={editing} units={all} onClose={() => setOpen(false)} />}
    </div>
  );
}
