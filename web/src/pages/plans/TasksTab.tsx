// The "Nhiệm vụ" tab: the task table with assignment, add/edit in a drawer (checked inline), delete while draft,
// and the update dialog.
import { useMemo, useState } from 'react';
import {
  App as AntApp, AutoComplete, Button, Col, DatePicker, Drawer, Form, Input, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api';
import { useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { PlanView, Recurrence, TaskInput, TaskStatus, TaskView } from '../../types';
import { matches } from '../admin/adminLogic';
import { DATE_FORMATS } from './DocumentTab';
import { deadlineText, officerChoices, officerOptions, RECURRENCES, taskInput, validateTask } from './planLogic';
import { DueTag, PercentInput, planKey, statusOptions, TaskProgress, TaskStatusTag, TaskUpdateModal } from './shared';

interface TaskValues {
  title: string;
  criteria: string[];
  lead_department: string;
  lead_user: string;
  cooperating: string[];
  recurrence: Recurrence;
  deadline: Dayjs | null;
  expected_output: string;
  cause: string;
  solution: string;
  status: TaskStatus;
  progress: number;
}

const TASK_FIELDS = ['title', 'criteria', 'lead_department', 'lead_user', 'cooperating', 'recurrence', 'deadline', 'expected_output', 'cause', 'solution', 'status', 'progress'];

function TaskDrawer({ view, task, open, onClose, departments, usernames }: {
  view: PlanView;
  task: TaskView | null;
  open: boolean;
  onClose: () => void;
  departments: Array<{ code: string; name: string }>;
  usernames: string[];
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<TaskValues>();
  const recurrence = Form.useWatch('recurrence', form);
  const leadDepartment = Form.useWatch('lead_department', form);
  const leadUser = Form.useWatch('lead_user', form);
  const plan = view.plan;
  // The unit's people to choose the officer from; free text only when they cannot be loaded.
  const people = useQuery({
    queryKey: ['unit-people', plan.unit],
    queryFn: () => api.unitPeople(plan.unit),
    staleTime: 5 * 60_000,
    retry: false,
  });

  const save = useMutation({
    mutationFn: (values: TaskValues) => {
      const input: TaskInput = {
        ...(task ? taskInput(task) : { position: view.tasks.length + 1 }),
        title: values.title.trim(),
        criteria: values.criteria ?? [],
        lead_department: values.lead_department ?? '',
        lead_user: (values.lead_user ?? '').trim(),
        cooperating: values.cooperating ?? [],
        recurrence: values.recurrence,
        deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null,
        expected_output: (values.expected_output ?? '').trim(),
        cause: values.cause ?? '',
        solution: values.solution ?? '',
        status: values.status,
        progress: values.progress ?? 0,
      };
      return task ? api.saveTask(task.id, input) : api.createTask(plan.unit, plan.year, input);
    },
    onSuccess: () => {
      void message.success(t('taskSaved'));
      void client.invalidateQueries({ queryKey: planKey(plan.unit, plan.year) });
      void client.invalidateQueries({ queryKey: ['my-tasks'] });
      onClose();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      form.setFields(
        error.details
          .map((d) => /^\$\.([a-z_]+)/.exec(String(d.path ?? '')) ?? (d.field && TASK_FIELDS.includes(String(d.field)) ? [String(d.field), String(d.field)] : null))
          .filter((m): m is RegExpExecArray | string[] => m !== null && TASK_FIELDS.includes(m[1]))
          .map((m) => ({ name: m[1] as keyof TaskValues, errors: [error.message] })),
      );
    },
  });

  const check = (field: 'title' | 'lead_department' | 'deadline' | 'progress') => ({
    validator: async () => {
      const v = form.getFieldsValue();
      const errors = validateTask({ ...v, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null } as Partial<TaskInput>, lang);
      if (errors[field]) throw new Error(errors[field]);
    },
  });

  const initial: TaskValues = task
    ? { ...taskInput(task), deadline: task.deadline ? dayjs(task.deadline) : null }
    : {
        title: '',
        criteria: [],
        lead_department: '',
        lead_user: '',
        cooperating: [],
        recurrence: 'once',
        deadline: null,
        expected_output: '',
        cause: '',
        solution: '',
        status: 'not_started',
        progress: 0,
      };

  const choices = officerChoices(people.data ?? [], leadDepartment, leadUser ?? initial.lead_user);
  const departmentLabel = departments.find((d) => d.code === leadDepartment)?.name ?? leadDepartment ?? '';
  const officers = officerOptions(choices, {
    kept: t('leadUserCurrent'),
    department: t('leadUserOfDepartment', { department: departmentLabel }),
    others: t('leadUserOthers'),
    everyone: t('leadUserPeople'),
  });

  return (
    <Drawer
      open={open}
      width={640}
      title={task ? t('editTask', { n: task.position }) : t('newTask')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="task-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={save.error} />
      <Form<TaskValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        data-testid="task-form"
        onValuesChange={(changed) => {
          if ('recurrence' in changed) void form.validateFields(['deadline']).catch(() => undefined);
          if (changed.status === 'done') form.setFieldValue('progress', 100);
        }}
      >
        <Form.Item name="title" label={t('taskTitle')} rules={[check('title')]} required>
          <Input.TextArea id="task-title" autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="lead_department" label={t('leadDepartment')} rules={[check('lead_department')]} required>
              <Select
                id="task-lead-department"
                data-testid="task-lead-department"
                showSearch
                optionFilterProp="label"
                options={departments.map((d) => ({ value: d.code, label: d.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {people.isError ? (
              <Form.Item name="lead_user" label={t('leadUser')} tooltip={t('leadUserHint')} extra={t('leadUserNoList')}>
                <AutoComplete
                  id="task-lead-user"
                  data-testid="task-lead-user-text"
                  options={usernames.map((u) => ({ value: u }))}
                  filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
                  allowClear
                />
              </Form.Item>
            ) : (
              <Form.Item name="lead_user" label={t('leadUser')} tooltip={t('leadUserChooseHint')}>
                <Select
                  id="task-lead-user"
                  data-testid="task-lead-user-select"
                  showSearch
                  allowClear
                  loading={people.isLoading}
                  placeholder={t('leadUserChoose')}
                  optionFilterProp="label"
                  options={officers}
                />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="criteria" label={t('taskCriteria')} tooltip={t('criteriaHint')}>
              <Select id="task-criteria" mode="tags" tokenSeparators={[',', ';', ' ']} open={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cooperating" label={t('cooperating')} tooltip={t('cooperatingHint')}>
              <Select id="task-cooperating" mode="tags" tokenSeparators={[',', ';']} options={departments.map((d) => ({ value: d.name, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="recurrence" label={t('recurrence')}>
              <Select id="task-recurrence" options={RECURRENCES.map((r) => ({ value: r, label: t(`recurrence_${r}` as MessageKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deadline" label={t('deadline')} rules={[check('deadline')]} required={recurrence === 'once'}>
              <DatePicker id="task-deadline" format={DATE_FORMATS} placeholder={t('datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="expected_output" label={t('expectedOutput')}>
          <Input id="task-output" />
        </Form.Item>
        <Form.Item name="cause" label={t('taskCause')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="solution" label={t('taskSolution')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('taskStatus')}>
              <Select id="task-status" options={statusOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="progress" label={t('taskProgress')} rules={[check('progress')]}>
              <PercentInput />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

export function TasksTab({ view, departmentName, departments }: {
  view: PlanView;
  departmentName: (code: string) => string;
  departments: Array<{ code: string; name: string }>;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const { data: session } = useSession();
  const user = session?.user;
  const plan = view.plan;
  const [search, setSearch] = useState('');
  const [department, setDepartment] = useState<string | undefined>();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [updating, setUpdating] = useState<TaskView | null>(null);

  const remove = useMutation({
    mutationFn: (task: TaskView) => api.deleteTask(task.id),
    onSuccess: () => {
      void message.success(t('taskDeleted'));
      void client.invalidateQueries({ queryKey: planKey(plan.unit, plan.year) });
    },
    onError: (error) => void message.error(error instanceof Error ? error.message : String(error)),
  });

  const usernames = useMemo(() => {
    const set = new Set<string>();
    for (const task of view.tasks) if (task.lead_user) set.add(task.lead_user);
    if (user?.unit === plan.unit) set.add(user.username);
    return [...set].sort();
  }, [view.tasks, user, plan.unit]);

  const mayUpdate = (task: TaskView) =>
    view.can.update_tasks || (user?.unit === plan.unit && (user.username === task.lead_user || (Boolean(user.department) && user.department === task.lead_department)));

  const rows = [...view.tasks]
    .sort((a, b) => a.position - b.position)
    .filter((task) => !department || task.lead_department === department)
    .filter((task) => !onlyOverdue || task.due_state === 'overdue')
    .filter((task) => matches(search, task.title, task.lead_user, departmentName(task.lead_department), ...task.criteria, ...task.cooperating));

  const columns: ColumnsType<TaskView> = [
    { title: t('tt'), dataIndex: 'position', width: 56, align: 'center' },
    {
      title: t('taskTitle'),
      key: 'title',
      render: (_: unknown, task) => (
        <Space direction="vertical" size={0}>
          <span data-testid="task-title">{task.title}</span>
          {task.solution && <span className="muted small">{task.solution}</span>}
        </Space>
      ),
    },
    { title: t('taskCriteria'), dataIndex: 'criteria', width: 90, render: (c: string[]) => c.map((code) => <Tag key={code}>{code}</Tag>) },
    { title: t('leadDepartment'), dataIndex: 'lead_department', width: 130, render: (code: string) => <span data-testid="task-department">{departmentName(code)}</span> },
    { title: t('leadUser'), dataIndex: 'lead_user', width: 120, render: (u: string) => <span data-testid="task-lead-user">{u || '—'}</span> },
    { title: t('cooperating'), dataIndex: 'cooperating', width: 110, render: (c: string[]) => (c.length ? c.join('; ') : '—') },
    {
      title: t('deadlineOrRecurrence'),
      key: 'deadline',
      width: 125,
      render: (_: unknown, task) => (
        <Space direction="vertical" size={2}>
          <span className="num">{deadlineText(task, lang)}</span>
          <DueTag state={task.due_state} daysLeft={task.days_left} />
        </Space>
      ),
    },
    { title: t('expectedOutput'), dataIndex: 'expected_output', width: 100 },
    { title: t('taskStatus'), dataIndex: 'status', width: 110, render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
    { title: t('taskProgress'), key: 'progress', width: 140, render: (_: unknown, task) => <TaskProgress task={task} /> },
    {
      title: t('actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, task) => (
        <Space direction="vertical" size={4}>
          {mayUpdate(task) && (
            <Button size="small" type="primary" ghost data-testid={`task-update-${task.position}`} onClick={() => setUpdating(task)}>
              {t('updateTask')}
            </Button>
          )}
          {view.can.edit && (
            <Button
              size="small"
              data-testid={`task-edit-${task.position}`}
              onClick={() => {
                setEditing(task);
                setDrawerOpen(true);
              }}
            >
              {t('edit')}
            </Button>
          )}
          {view.can.edit && plan.status === 'draft' && (
            <Popconfirm
              title={t('deleteTask')}
              description={t('deleteTaskConfirm', { title: task.title.length > 60 ? task.title.slice(0, 59) + '…' : task.title })}
              okText={t('deleteTask')}
              cancelText={t('cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' } as { danger: boolean }}
              onConfirm={() => remove.mutateAsync(task).catch(() => undefined)}
            >
              <Button size="small" danger data-testid={`task-delete-${task.position}`}>
                {t('deleteTask')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="plan-tasks">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('searchTasks')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 300 }} data-testid="task-search" />
        <Select
          allowClear
          placeholder={t('allDepartments')}
          value={department}
          onChange={setDepartment}
          style={{ width: 220 }}
          options={departments.map((d) => ({ value: d.code, label: d.name }))}
          data-testid="task-department-filter"
        />
        <Space size={4}>
          <Switch checked={onlyOverdue} onChange={setOnlyOverdue} size="small" data-testid="only-overdue" />
          <span>{t('onlyOverdue')}</span>
        </Space>
        {view.can.edit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="task-add"
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
          >
            {t('addTask')}
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="task-count">
          {rows.length}/{view.tasks.length}
        </Typography.Text>
      </Space>
      <Table<TaskView>
        data-testid="tasks-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1300 }}
        onRow={(task) => ({ 'data-testid': `task-row-${task.position}`, className: task.due_state === 'overdue' ? 'task-overdue' : undefined }) as React.HTMLAttributes<HTMLElement>}
      />
      {drawerOpen && (
        <TaskDrawer view={view} task={editing} open={drawerOpen} onClose={() => setDrawerOpen(false)} departments={departments} usernames={usernames} />
      )}
      <TaskUpdateModal task={updating} onClose={() => setUpdating(null)} />
    </div>
  );
}
