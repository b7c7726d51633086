// The "Tiến độ" tab: plan progress by lead department and by criterion (tables with bars) and a bar chart.
import { useMemo } from 'react';
import { Card, Col, Progress, Row, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Chart } from '../../components/Chart';
import { formatNumber } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import type { PlanProgress, ProgressRow } from '../../types';
import { formatPercent } from './planLogic';

function rowColumns(t: Translate, first: string, testId: string): ColumnsType<ProgressRow> {
  return [
    {
      title: first,
      key: 'name',
      render: (_: unknown, r) =>
        testId === 'crit' ? (
          <span data-testid={`${testId}-name`}>
            <Tag>{r.key}</Tag>
            {r.name && r.name !== r.key ? r.name : ''}
          </span>
        ) : (
          <span data-testid={`${testId}-name`}>{r.name || r.key}</span>
        ),
    },
    { title: t('summaryTasks'), dataIndex: 'tasks', width: 100, align: 'right' },
    { title: t('summaryDone'), dataIndex: 'done', width: 110, align: 'right' },
    {
      title: t('summaryOverdue'),
      dataIndex: 'overdue',
      width: 100,
      align: 'right',
      render: (n: number) => <span className={n > 0 ? 'lost' : undefined}>{n}</span>,
    },
    {
      title: t('summaryMean'),
      dataIndex: 'mean_progress',
      width: 220,
      render: (p: number) => (
        <Progress percent={Math.round(p * 10) / 10} size="small" format={() => formatPercent(p)} data-testid={`${testId}-progress`} />
      ),
    },
  ];
}

export function progressChartOption(rows: ProgressRow[], t: Translate) {
  const list = [...rows].reverse();
  return {
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, data: [t('summaryMean'), t('summaryOverdue')] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const r = list[params[0].dataIndex];
        return `<b>${r.name}</b><br/>${t('summaryTasks')}: ${r.tasks}<br/>${t('summaryDone')}: ${r.done}<br/>${t('summaryOverdue')}: ${r.overdue}<br/>${t('summaryMean')}: ${formatPercent(r.mean_progress)}`;
      },
    },
    xAxis: [
      { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${formatNumber(v)} %` } },
      { type: 'value', minInterval: 1, position: 'top', show: false },
    ],
    yAxis: { type: 'category', data: list.map((r) => r.name || r.key), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        name: t('summaryMean'),
        type: 'bar',
        data: list.map((r) => r.mean_progress),
        itemStyle: { color: '#1f6fb2' },
        barWidth: 12,
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatPercent(p.value), fontSize: 11 },
      },
      {
        name: t('summaryOverdue'),
        type: 'bar',
        xAxisIndex: 1,
        data: list.map((r) => r.overdue),
        itemStyle: { color: '#cf1322' },
        barWidth: 8,
      },
    ],
  };
}

export function ProgressTab({ progress }: { progress: PlanProgress }) {
  const { t } = useI18n();
  const option = useMemo(() => progressChartOption(progress.by_department, t), [progress, t]);
  return (
    <div data-testid="plan-progress">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('summaryTasks')} value={progress.tasks} valueRender={() => <span data-testid="sum-tasks">{progress.tasks}</span>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('summaryDone')} value={progress.done} valueRender={() => <span data-testid="sum-done">{progress.done}</span>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('summaryOverdue')} value={progress.overdue} valueStyle={{ color: progress.overdue > 0 ? '#cf1322' : undefined }} valueRender={() => <span data-testid="sum-overdue">{progress.overdue}</span>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('summaryMean')} value={progress.mean_progress} valueRender={() => <span data-testid="sum-mean">{formatPercent(progress.mean_progress)}</span>} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('byDepartment')}>
            <Table<ProgressRow> size="small" rowKey="key" pagination={false} dataSource={progress.by_department} columns={rowColumns(t, t('leadDepartment'), 'dept')} data-testid="progress-by-department" onRow={(r) => ({ 'data-testid': `dept-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('progressChart')}>
            <Chart option={option} height={Math.max(200, progress.by_department.length * 44 + 60)} ariaLabel={t('progressChart')} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('byCriterion')}>
            <Table<ProgressRow> size="small" rowKey="key" pagination={false} dataSource={progress.by_criterion} columns={rowColumns(t, t('taskCriteria'), 'crit')} data-testid="progress-by-criterion" onRow={(r) => ({ 'data-testid': `crit-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
