// The peer groups tab: the group-years of a year; edit a group-year's name, framework and members (ranked or not).
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import type { GroupMemberInput, GroupSummary } from '../../types';
import { compareVi, groupYears, matches, membersOf, withMembers } from './adminLogic';
import { applyServerErrors, FormError, unitOptions, useAdminUnits, useAllGroupYears, useFrameworks } from './shared';

interface GroupFormValues {
  code: string;
  year: number;
  name: string;
  framework: string;
  members: GroupMemberInput[];
}

const GROUP_FIELDS = ['code', 'year', 'name', 'framework', 'members'];

function memberCount(g: GroupSummary): number {
  return Array.isArray(g.members) ? g.members.length : Number(g.members ?? 0);
}

/** The members of a group-year: a multi-select of units and a "ranked" switch per member (a form control). */
function MembersEditor({ value = [], onChange, units, loading }: {
  value?: GroupMemberInput[];
  onChange?: (members: GroupMemberInput[]) => void;
  units: Array<{ code: string; name: string }>;
  loading: boolean;
}) {
  const { t } = useI18n();
  const nameOf = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  return (
    <div>
      <Select
        id="group-members"
        mode="multiple"
        loading={loading}
        value={value.map((m) => m.unit)}
        onChange={(codes: string[]) => onChange?.(withMembers(value, codes))}
        filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
        options={unitOptions(units)}
        maxTagCount={8}
      />
      {value.length > 0 && (
        <Table<GroupMemberInput>
          className="group-members-table"
          data-testid="group-members"
          size="small"
          rowKey="unit"
          pagination={value.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          dataSource={[...value].sort((a, b) => compareVi(nameOf(a.unit), nameOf(b.unit)))}
          columns={[
            { title: t('unit'), dataIndex: 'unit', render: (u: string) => `${nameOf(u)} (${u})` },
            {
              title: t('ranked'),
              dataIndex: 'ranked',
              width: 150,
              render: (ranked: boolean, m) => (
                <Switch
                  size="small"
                  checked={ranked}
                  checkedChildren={t('ranked')}
                  unCheckedChildren={t('notRanked')}
                  onChange={(checked) => onChange?.(value.map((x) => (x.unit === m.unit ? { ...x, ranked: checked } : x)))}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

function GroupForm({ editing, year, onClose }: { editing: GroupSummary | null; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<GroupFormValues>();
  const [marked, setMarked] = useState(false);
  const units = useAdminUnits();
  const frameworks = useFrameworks();
  const bundle = useQuery({
    queryKey: ['admin', 'group-bundle', year],
    queryFn: () => api.groupBundle(year),
    enabled: Boolean(editing),
    retry: false,
  });
  // The members come from the groups export of the year; they fill the form once loaded.
  useEffect(() => {
    if (editing && bundle.data) form.setFieldValue('members', membersOf(bundle.data.find((g) => g.code === editing.code)));
  }, [bundle.data, editing, form]);

  const save = useMutation({
    mutationFn: (values: GroupFormValues) =>
      api.saveGroup(values.code.trim(), values.year, { name: values.name.trim(), framework: values.framework, members: values.members ?? [] }),
    onSuccess: (_g, values) => {
      void message.success(t('groupSaved', { name: values.name, year: values.year }));
      void client.invalidateQueries({ queryKey: ['groups'] });
      void client.invalidateQueries({ queryKey: ['admin', 'group-bundle'] });
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'ranking' });
      onClose();
    },
    onError: (error) => setMarked(applyServerErrors(form, error, GROUP_FIELDS, ['members']) !== null),
  });
  const published = save.error instanceof ApiError && save.error.status === 409;

  return (
    <Modal
      open
      title={editing ? t('editGroup', { name: editing.name, year }) : t('addGroup')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      // Saving before the members are known would replace them with none.
      okButtonProps={{ 'data-testid': 'group-save', disabled: Boolean(editing) && !bundle.data } as { disabled: boolean }}
      destroyOnHidden
      width={720}
    >
      {published ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="group-published"
          message={t('groupPublished', { year: form.getFieldValue('year') ?? year })}
          description={(save.error as ApiError).message}
        />
      ) : (
        <FormError error={save.error} fieldsMarked={marked} />
      )}
      <ErrorAlert error={bundle.error} />
      <Form<GroupFormValues>
        form={form}
        layout="vertical"
        data-testid="group-form"
        initialValues={editing ? { code: editing.code, year, name: editing.name, framework: editing.framework, members: [] } : { year, members: [] }}
        onFinish={(values) => {
          setMarked(false);
          save.mutate(values);
        }}
      >
        <Space wrap align="start">
          <Form.Item name="code" label={t('groupCode')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input id="group-code" disabled={Boolean(editing)} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="year" label={t('year')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber id="group-year" disabled={Boolean(editing)} min={1900} max={2200} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('groupName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input id="group-name" />
        </Form.Item>
        <Form.Item name="framework" label={t('framework')} rules={[{ required: true, message: t('required') }]}>
          <Select
            id="group-framework"
            showSearch
            loading={frameworks.isLoading}
            filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
            options={(frameworks.data ?? []).map((f) => ({ value: f.code, label: `${f.title} (${f.code})` }))}
          />
        </Form.Item>
        <Form.Item name="members" label={t('groupMembers')}>
          <MembersEditor loading={units.isLoading || bundle.isLoading} units={units.data ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function GroupsTab() {
  const { t } = useI18n();
  const all = useAllGroupYears();
  const years = useMemo(() => groupYears((all.data ?? []).map((g) => g.year)), [all.data]);
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen ?? years[0] ?? new Date().getFullYear();
  const groups = useQuery({ queryKey: ['groups', year], queryFn: () => api.groups(year), retry: false, enabled: !all.isLoading });
  const [editing, setEditing] = useState<GroupSummary | null>(null);
  const [open, setOpen] = useState(false);
  const rows = (groups.data ?? []).filter((g) => g.year === undefined || g.year === year);
  const columns: ColumnsType<GroupSummary> = [
    { title: t('groupCode'), dataIndex: 'code', sorter: (a, b) => compareVi(a.code, b.code) },
    {
      title: t('groupName'),
      dataIndex: 'name',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => compareVi(a.name, b.name),
      render: (name: string, g) => <Link to={`/groups/${g.code}/${year}`}>{name}</Link>,
    },
    { title: t('framework'), dataIndex: 'framework', render: (f: string) => (f ? <Link to={`/frameworks/${f}`}>{f}</Link> : '—') },
    { title: t('members'), key: 'members', width: 100, className: 'num', render: (_: unknown, g) => memberCount(g) },
    {
      title: t('actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, g) => (
        <Button
          size="small"
          data-testid={`group-edit-${g.code}`}
          onClick={() => {
            setEditing(g);
            setOpen(true);
          }}
        >
          {t('edit')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="admin-groups">
      <Space className="admin-toolbar" wrap style={{ marginBottom: 12 }}>
        <span>{t('year')}:</span>
        <Select
          data-testid="group-year-select"
          value={year}
          style={{ width: 110 }}
          onChange={(y: number) => setChosen(y)}
          options={groupYears(years, [year]).map((y) => ({ value: y, label: String(y) }))}
        />
        <Button
          type="primary"
          data-testid="group-add"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          {t('addGroup')}
        </Button>
      </Space>
      <ErrorAlert error={groups.error ?? all.error} />
      <Table<GroupSummary>
        data-testid="groups-table"
        size="small"
        rowKey={(g) => `${g.code}-${g.year}`}
        loading={groups.isLoading || all.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('noGroupsYear', { year }) }}
        scroll={{ x: 700 }}
      />
      {open && <GroupForm editing={editing} year={year} onClose={() => setOpen(false)} />}
    </div>
  );
}
