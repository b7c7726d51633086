// /units/:code/plans/:year — a unit's improvement plan (Kế hoạch): the document, the tasks, progress and timeline,
// with the downloads (.docx plan, .xlsx annex, .docx progress report for a date).
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Empty, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, planDocumentUrl } from '../../api';
import { useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { PlanView } from '../../types';
import { DATE_FORMATS, DocumentTab } from './DocumentTab';
import { ProgressTab } from './ProgressTab';
import { TasksTab } from './TasksTab';
import { TimelineTab } from './TimelineTab';
import { formatDateTimeVi } from './planLogic';
import { planKey, useDepartmentNames, usePlan } from './shared';
import './plans.css';

const TABS = ['document', 'tasks', 'progress', 'timeline'] as const;
const TAB_LABELS: Record<(typeof TABS)[number], MessageKey> = {
  document: 'tabDocument',
  tasks: 'tabTasks',
  progress: 'tabProgress',
  timeline: 'tabTimeline',
};

function Downloads({ view }: { view: PlanView }) {
  const { t } = useI18n();
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const { unit, year } = view.plan;
  return (
    <Space wrap data-testid="plan-downloads">
      <Button icon={<FileWordOutlined />} href={planDocumentUrl(unit, year, 'plan.docx')} download data-testid="download-plan">
        {t('downloadPlan')}
      </Button>
      <Button icon={<FileExcelOutlined />} href={planDocumentUrl(unit, year, 'annex.xlsx')} download data-testid="download-annex">
        {t('downloadAnnex')}
      </Button>
      <Space.Compact>
        <DatePicker
          value={date}
          onChange={setDate}
          format={DATE_FORMATS}
          allowClear={false}
          aria-label={t('reportDate')}
          placeholder={t('reportDate')}
          style={{ width: 140 }}
          data-testid="report-date"
        />
        <Button
          icon={<DownloadOutlined />}
          href={planDocumentUrl(unit, year, 'progress.docx', date ? date.format('YYYY-MM-DD') : null)}
          download
          data-testid="download-progress"
        >
          {t('downloadProgress')}
        </Button>
      </Space.Compact>
    </Space>
  );
}

export function PlanPage() {
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const { code, year: yearText } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: session } = useSession();
  const year = Number(yearText);
  const plan = usePlan(code, year);
  const view = plan.data ?? null;
  const names = useDepartmentNames(code, view?.progress.by_department ?? []);

  const draft = useMutation({
    mutationFn: () => api.draftPlan(code!, year, false),
    onSuccess: (next) => {
      client.setQueryData(planKey(code, year), next);
      void message.success(t('draftCreated', { year }));
    },
  });
  const issue = useMutation({
    mutationFn: () => api.issuePlan(code!, year),
    onSuccess: (next) => {
      client.setQueryData(planKey(code, year), next);
      void message.success(t('planIssued'));
    },
  });

  if (!code || !Number.isInteger(year) || year < 1900) return <Navigate to="/" replace />;
  const user = session?.user;
  const mayDraft =
    user?.role === 'admin' || user?.role === 'administrator' || ((user?.role === 'coordinator' || user?.role === 'leader') && user.unit === code);
  const tab = TABS.includes(params.get('tab') as (typeof TABS)[number]) ? (params.get('tab') as (typeof TABS)[number]) : 'tasks';
  const thisYear = new Date().getFullYear();
  const years = [...new Set([year, ...Array.from({ length: thisYear - 2019 + 2 }, (_, i) => thisYear + 1 - i)])].sort((a, b) => b - a);

  const header = (
    <div className="page-header">
      <Space direction="vertical" size={0}>
        <Typography.Title level={3} className="page-title" data-testid="plan-title">
          {t('planTitle', { year })}
        </Typography.Title>
        <Space wrap size="small">
          <Link to={`/units/${code}`} data-testid="plan-unit">
            {names.unitName(code)}
          </Link>
          {view && (
            <Tag color={view.plan.status === 'issued' ? 'green' : 'gold'} data-testid="plan-status">
              {t(`planStatus_${view.plan.status}` as MessageKey)}
            </Tag>
          )}
          {view?.plan.issued_at && <Typography.Text type="secondary">{t('issuedAt', { at: formatDateTimeVi(view.plan.issued_at) })}</Typography.Text>}
        </Space>
      </Space>
      <Space wrap>
        <span>{t('year')}:</span>
        <Select value={year} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y) => navigate(`/units/${code}/plans/${y}`)} style={{ width: 100 }} data-testid="plan-year" />
        {view?.can.issue && view.plan.status === 'draft' && (
          <Button
            type="primary"
            data-testid="plan-issue"
            loading={issue.isPending}
            onClick={() =>
              modal.confirm({
                title: t('issueConfirmTitle'),
                content: t('issueConfirm'),
                okText: t('issuePlan'),
                cancelText: t('cancel'),
                okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
                onOk: () => issue.mutateAsync().catch(() => undefined),
              })
            }
          >
            {t('issuePlan')}
          </Button>
        )}
      </Space>
    </div>
  );

  if (plan.isLoading) {
    return (
      <div className="page">
        {header}
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  if (plan.error) {
    const forbidden = plan.error instanceof ApiError && plan.error.status === 403;
    return (
      <div className="page">
        {header}
        {forbidden ? <Empty description={t('planForbidden')} data-testid="plan-forbidden" /> : <ErrorAlert error={plan.error} />}
      </div>
    );
  }
  if (!view) {
    return (
      <div className="page">
        {header}
        <Card data-testid="no-plan">
          <Empty
            description={
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{t('noPlan', { year })}</Typography.Text>
                <Typography.Text type="secondary">{t('noPlanHint', { year: year - 1 })}</Typography.Text>
              </Space>
            }
          >
            <ErrorAlert error={draft.error} />
            {mayDraft && (
              <Button type="primary" loading={draft.isPending} onClick={() => draft.mutate()} data-testid="plan-draft">
                {t('draftPlan', { year: year - 1 })}
              </Button>
            )}
          </Empty>
        </Card>
      </div>
    );
  }

  const body = (key: (typeof TABS)[number]) => {
    switch (key) {
      case 'document':
        return <DocumentTab view={view} departments={names.departments} />;
      case 'tasks':
        return <TasksTab view={view} departmentName={names.name} departments={names.departments} />;
      case 'progress':
        return <ProgressTab progress={view.progress} />;
      default:
        return <TimelineTab tasks={view.tasks} departmentName={names.name} />;
    }
  };

  return (
    <div className="page plan-page">
      {header}
      <ErrorAlert error={issue.error} />
      <Downloads view={view} />
      <Tabs
        className="section-small"
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS.map((key) => ({
          key,
          label: (
            <span data-testid={`plan-tab-${key}`}>
              {t(TAB_LABELS[key])}
              {key === 'tasks' ? ` (${view.tasks.length})` : ''}
            </span>
          ),
          children: key === tab ? body(key) : null,
        }))}
      />
    </div>
  );
}
