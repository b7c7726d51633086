// The users tab: list, search, create (one-time password shown once), edit, reset password, disable/enable.
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { AdminUser, UserInput } from '../../types';
import { adminRoleLabel, compareVi, matches, ROLES, scopedInput, scopeFields, userStates } from './adminLogic';
import { applyServerErrors, FormError, OneTimePasswordModal, unitOptions, useAdminUnits, useAllGroupYears } from './shared';

const STATE_COLORS: Record<string, string> = { active: 'green', disabled: 'red', locked: 'orange', must_change: 'gold' };
const USER_FIELDS = ['username', 'display_name', 'role', 'unit', 'groups', 'department'];

function UserForm({ editing, open, onClose, onCreated }: {
  editing: AdminUser | null;
  open: boolean;
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<UserInput>();
  const [marked, setMarked] = useState(false);
  const role = Form.useWatch('role', form);
  const unit = Form.useWatch('unit', form);
  const scope = scopeFields(role);
  const units = useAdminUnits();
  const groups = useAllGroupYears();
  const groupOptions = useMemo(() => {
    const byCode = new Map<string, string>();
    for (const g of groups.data ?? []) if (!byCode.has(g.code)) byCode.set(g.code, g.name);
    return [...byCode.entries()]
      .sort((a, b) => compareVi(a[1], b[1]))
      .map(([code, name]) => ({ value: code, label: `${name} (${code})` }));
  }, [groups.data]);
  const departments = (units.data ?? []).find((u) => u.code === unit)?.departments ?? [];

  const save = useMutation({
    mutationFn: async (values: UserInput) => {
      const input = scopedInput({ ...values, display_name: values.display_name?.trim() ?? '' });
      if (editing) return { user: await api.updateUser(editing.username, input), one_time_password: null };
      return api.createUser({ ...input, username: values.username?.trim() });
    },
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
      if (result.one_time_password) onCreated(result.user.username, result.one_time_password);
      else message.success(t('saved'));
      onClose();
    },
    onError: (error) => setMarked(applyServerErrors(form, error, USER_FIELDS, ['groups']) !== null),
  });

  return (
    <Modal
      open={open}
      title={editing ? t('editUser', { name: editing.username }) : t('addUser')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'user-save' } as Record<string, string>}
      destroyOnHidden
      width={560}
    >
      <FormError error={save.error} fieldsMarked={marked} />
      <Form<UserInput>
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="user-form"
        initialValues={
          editing
            ? { ...editing, unit: editing.unit || undefined, department: editing.department || undefined }
            : { role: 'coordinator', groups: [] }
        }
        onValuesChange={(changed) => {
          if ('unit' in changed) form.setFieldValue('department', undefined);
        }}
        onFinish={(values) => {
          setMarked(false);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="username"
          label={t('username')}
          rules={[
            { required: true, message: t('required') },
            { pattern: /^[a-zA-Z0-9._-]{3,40}$/, message: t('usernameRule') },
          ]}
        >
          <Input id="admin-username" disabled={Boolean(editing)} autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input id="admin-display-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('required') }]}>
          <Select
            id="admin-role"
            data-testid="user-role-select"
            options={ROLES.map((r) => ({ value: r, label: adminRoleLabel(r, lang) }))}
          />
        </Form.Item>
        {scope.unit && (
          <Form.Item name="unit" label={t('unit')} rules={[{ required: true, message: t('unitRequiredForRole') }]}>
            <Select
              id="admin-unit"
              showSearch
              optionFilterProp="label"
              filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
              loading={units.isLoading}
              options={unitOptions(units.data)}
            />
          </Form.Item>
        )}
        {scope.department && (
          <Form.Item name="department" label={t('department')} rules={[{ required: true, message: t('departmentRequiredForRole') }]}>
            <Select
              id="admin-department"
              disabled={!unit}
              placeholder={unit ? undefined : t('chooseUnitFirst')}
              options={departments.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
            />
          </Form.Item>
        )}
        {scope.groups && (
          <Form.Item
            name="groups"
            label={t('groupsField')}
            rules={[{ required: true, type: 'array', min: 1, message: t('groupsRequiredForRole') }]}
          >
            <Select
              id="admin-groups"
              mode="multiple"
              filterOption={(input, option) => matches(input, String(option?.label ?? ''))}
              loading={groups.isLoading}
              options={groupOptions}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function UsersTab() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: api.adminUsers, retry: false });
  const units = useAdminUnits();
  const [search, setSearch] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  const unitName = (code: string | null) => (code ? ((units.data ?? []).find((u) => u.code === code)?.name ?? code) : '');
  const departmentName = (unit: string | null, code: string | null) =>
    (units.data ?? []).find((u) => u.code === unit)?.departments?.find((d) => d.code === code)?.name ?? code;

  const reset = useMutation({
    mutationFn: (username: string) => api.resetPassword(username),
    onSuccess: (result, username) => {
      setOtp({ username, password: result.one_time_password });
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) => void message.error(error instanceof Error ? error.message : String(error)),
  });
  const toggle = useMutation({
    mutationFn: ({ username, disabled }: { username: string; disabled: boolean }) => api.setUserDisabled(username, disabled),
    onSuccess: (_user, { username, disabled }) => {
      void message.success(t(disabled ? 'userDisabledOk' : 'userEnabledOk', { name: username }));
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) => void message.error(error instanceof Error ? error.message : String(error)),
  });

  const rows = (users.data ?? []).filter((u) =>
    matches(search, u.username, u.display_name, u.unit, unitName(u.unit), adminRoleLabel(u.role, lang), ...(u.groups ?? [])),
  );
  const columns: ColumnsType<AdminUser> = [
    {
      title: t('username'),
      dataIndex: 'username',
      sorter: (a, b) => compareVi(a.username, b.username),
      defaultSortOrder: 'ascend',
      render: (v: string) => <span data-testid={`user-${v}`}>{v}</span>,
    },
    { title: t('displayName'), dataIndex: 'display_name', sorter: (a, b) => compareVi(a.display_name, b.display_name) },
    {
      title: t('role'),
      dataIndex: 'role',
      render: (r: string) => adminRoleLabel(r, lang),
      sorter: (a, b) => compareVi(adminRoleLabel(a.role, lang), adminRoleLabel(b.role, lang)),
      filters: ROLES.map((r) => ({ text: adminRoleLabel(r, lang), value: r })),
      onFilter: (value, u) => u.role === value || (value === 'administrator' && u.role === 'admin'),
    },
    {
      title: t('unit'),
      key: 'unit',
      render: (_: unknown, u) =>
        u.unit ? (
          <span>
            {unitName(u.unit)}
            {u.department && <div className="muted small">{departmentName(u.unit, u.department)}</div>}
          </span>
        ) : (
          '—'
        ),
      sorter: (a, b) => compareVi(unitName(a.unit), unitName(b.unit)),
    },
    { title: t('groupsField'), dataIndex: 'groups', render: (g: string[]) => (g?.length ? g.map((c) => <Tag key={c}>{c}</Tag>) : '—') },
    {
      title: t('status'),
      key: 'state',
      render: (_: unknown, u) =>
        userStates(u).map((s) => (
          <Tag key={s} color={STATE_COLORS[s]} data-testid={`user-state-${s}`}>
            {t(`state_${s}` as MessageKey)}
          </Tag>
        )),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_: unknown, u) => (
        <Space size="small" wrap>
          <Button
            size="small"
            data-testid={`user-edit-${u.username}`}
            onClick={() => {
              setEditing(u);
              setFormOpen(true);
            }}
          >
            {t('edit')}
          </Button>
          <Popconfirm
            title={t('resetPassword')}
            description={t('resetPasswordConfirm', { name: u.username })}
            okText={t('resetPassword')}
            cancelText={t('cancel')}
            okButtonProps={{ 'data-testid': 'confirm-ok' } as Record<string, string>}
            onConfirm={() => reset.mutateAsync(u.username).catch(() => undefined)}
          >
            <Button size="small" data-testid={`user-reset-${u.username}`}>
              {t('resetPassword')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={u.disabled ? t('enableUser') : t('disableUser')}
            description={t(u.disabled ? 'enableConfirm' : 'disableConfirm', { name: u.username })}
            okText={u.disabled ? t('enableUser') : t('disableUser')}
            okButtonProps={{ danger: !u.disabled, 'data-testid': 'confirm-ok' } as { danger: boolean }}
            cancelText={t('cancel')}
            onConfirm={() => toggle.mutateAsync({ username: u.username, disabled: !u.disabled }).catch(() => undefined)}
          >
            <Button size="small" danger={!u.disabled} data-testid={`user-toggle-${u.username}`}>
              {u.disabled ? t('enableUser') : t('disableUser')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="admin-users">
      <Space className="admin-toolbar" wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('searchUsers')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 340 }}
          data-testid="user-search"
        />
        <Button
          type="primary"
          data-testid="user-add"
          onClick={() => {
            setEditing(null);
            setFormOpen(true);
          }}
        >
          {t('addUser')}
        </Button>
      </Space>
      <ErrorAlert error={users.error} />
      <Table<AdminUser>
        data-testid="users-table"
        size="small"
        rowKey="username"
        loading={users.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
      />
      {formOpen && (
        <UserForm
          open={formOpen}
          editing={editing}
          onClose={() => setFormOpen(false)}
          onCreated={(username, password) => {
            void message.success(t('userCreated', { name: username }));
            setOtp({ username, password });
          }}
        />
      )}
      <OneTimePasswordModal username={otp?.username ?? ''} password={otp?.password ?? null} onClose={() => setOtp(null)} />
    </div>
  );
}
