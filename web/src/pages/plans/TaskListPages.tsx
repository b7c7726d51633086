// /tasks — "Nhiệm vụ của tôi" (the caller's tasks, quick update) and /plans/overdue — "Nhiệm vụ quá hạn".
import { useState } from 'react';
import { Button, Card, Col, Empty, Result, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useSession, useUnitHomeYear } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type Translate } from '../../i18n';
import type { TaskStatus, TaskView } from '../../types';
import { daysOverdue, deadlineText, formatPercent, isoToVi, mayReadOverdue, progressSums } from './planLogic';
import { DueTag, TaskProgress, TaskStatusTag, TaskUpdateModal, useUnitsDetail } from './shared';

/** The year of the list: ?year=, else the plan year after the caller's latest results (the latest year without a unit). */
function usePlanYear(): [number, (y: number) => void, boolean] {
  const [params, setParams] = useSearchParams();
  const { data: session } = useSession();
  const unit = session?.user.unit ?? undefined;
  const home = useUnitHomeYear(unit);
  const fromUrl = Number(params.get('year'));
  const year = Number.isInteger(fromUrl) && fromUrl > 1900 ? fromUrl : unit ? home.year + 1 : home.year;
  return [year, (y) => setParams({ year: String(y) }, { replace: true }), !params.get('year') && home.isLoading];
}

function yearOptions(year: number) {
  const now = new Date().getFullYear();
  return [...new Set([year, ...Array.from({ length: now - 2019 + 2 }, (_, i) => now + 1 - i)])]
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: String(y) }));
}

function useNames() {
  const units = useUnitsDetail();
  const unit = (code: string) => (units.data ?? []).find((u) => u.code === code);
  return {
    unitName: (code: string) => unit(code)?.name ?? code,
    departmentName: (unitCode: string, dept: string) => unit(unitCode)?.departments?.find((d) => d.code === dept)?.name ?? dept,
  };
}

function commonColumns(t: Translate, lang: 'vi' | 'en', names: ReturnType<typeof useNames>): ColumnsType<TaskView> {
  return [
    {
      title: t('unit'),
      dataIndex: 'unit',
      width: 150,
      render: (u: string, task) => <Link to={`/units/${u}/plans/${task.year}?tab=tasks`}>{names.unitName(u)}</Link>,
    },
    { title: t('tt'), dataIndex: 'position', width: 50, align: 'center' },
    { title: t('taskTitle'), dataIndex: 'title', render: (title: string) => <span data-testid="task-title">{title}</span> },
    { title: t('leadDepartment'), key: 'dept', width: 150, render: (_: unknown, task) => names.departmentName(task.unit, task.lead_department) },
    { title: t('deadlineOrRecurrence'), key: 'deadline', width: 130, render: (_: unknown, task) => <span className="num">{deadlineText(task, lang)}</span> },
  ];
}

export function MyTasksPage() {
  const { t, lang } = useI18n();
  const [year, setYear, waiting] = usePlanYear();
  const names = useNames();
  const [updating, setUpdating] = useState<TaskView | null>(null);
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const tasks = useQuery({ queryKey: ['my-tasks', year], queryFn: () => api.myTasks(year), enabled: !waiting, retry: false });
  const rows = (tasks.data ?? []).filter((task) => !status || task.status === status);
  const sums = progressSums(tasks.data ?? []);
  const columns: ColumnsType<TaskView> = [
    ...commonColumns(t, lang, names),
    { title: t('dueState'), key: 'due', width: 160, render: (_: unknown, task) => <DueTag state={task.due_state} daysLeft={task.days_left} /> },
    { title: t('taskStatus'), dataIndex: 'status', width: 120, render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
    { title: t('taskProgress'), key: 'progress', width: 150, render: (_: unknown, task) => <TaskProgress task={task} /> },
    {
      title: t('actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, task) => (
        <Button size="small" type="primary" ghost onClick={() => setUpdating(task)} data-testid={`my-task-update-${task.id}`}>
          {t('updateTask')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page" data-testid="my-tasks">
      <div className="page-header">
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} className="page-title">
            {t('myTasks')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('myTasksHint')}</Typography.Text>
        </Space>
        <Space wrap>
          <span>{t('year')}:</span>
          <Select value={year} options={yearOptions(year)} onChange={setYear} style={{ width: 100 }} data-testid="tasks-year" />
          <Select
            allowClear
            placeholder={t('taskStatus')}
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={(['not_started', 'in_progress', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`taskStatus_${s}`) }))}
          />
        </Space>
      </div>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('summaryTasks')} value={sums.tasks} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('summaryDone')} value={sums.done} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('summaryOverdue')} value={sums.overdue} valueStyle={{ color: sums.overdue ? '#cf1322' : undefined }} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('summaryMean')} value={formatPercent(sums.mean_progress)} /></Card>
        </Col>
      </Row>
      <ErrorAlert error={tasks.error} />
      <Table<TaskView>
        size="small"
        rowKey="id"
        loading={tasks.isLoading || waiting}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('noMyTasks', { year })} /> }}
        data-testid="my-tasks-table"
        onRow={(task) => ({ 'data-testid': `my-task-${task.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
      <TaskUpdateModal task={updating} onClose={() => setUpdating(null)} />
    </div>
  );
}

export function OverduePage() {
  const { t, lang } = useI18n();
  const { data: session } = useSession();
  const [year, setYear, waiting] = usePlanYear();
  const names = useNames();
  const allowed = mayReadOverdue(session?.user.role);
  const tasks = useQuery({ queryKey: ['overdue', year], queryFn: () => api.overdueTasks(year), enabled: allowed && !waiting, retry: false });
  if (!allowed) {
    return <Result status="403" title={t('adminForbiddenTitle')} subTitle={t('overdueForbidden')} data-testid="overdue-forbidden" />;
  }
  const rows = [...(tasks.data ?? [])].sort((a, b) => daysOverdue(b) - daysOverdue(a));
  const columns: ColumnsType<TaskView> = [
    ...commonColumns(t, lang, names),
    { title: t('due'), dataIndex: 'due', width: 110, render: (d: string | null) => <span className="num">{isoToVi(d) || '—'}</span> },
    {
      title: t('daysOverdue'),
      key: 'days',
      width: 120,
      align: 'right',
      sorter: (a, b) => daysOverdue(a) - daysOverdue(b),
      render: (_: unknown, task) => (
        <Tag color="red" data-testid="days-overdue">
          {daysOverdue(task)}
        </Tag>
      ),
    },
    { title: t('leadUser'), dataIndex: 'lead_user', width: 130, render: (u: string) => u || '—' },
    { title: t('taskProgress'), key: 'progress', width: 150, render: (_: unknown, task) => <TaskProgress task={task} /> },
  ];
  return (
    <div className="page" data-testid="overdue-page">
      <div className="page-header">
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} className="page-title">
            {t('overdueTasks')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('overdueHint')}</Typography.Text>
        </Space>
        <Space wrap>
          <span>{t('year')}:</span>
          <Select value={year} options={yearOptions(year)} onChange={setYear} style={{ width: 100 }} data-testid="overdue-year" />
        </Space>
      </div>
      <ErrorAlert error={tasks.error} />
      <Table<TaskView>
        size="small"
        rowKey="id"
        loading={tasks.isLoading || waiting}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('noOverdue', { year })} /> }}
        data-testid="overdue-table"
      />
    </div>
  );
}
