// The "Lịch trình" tab: tasks by the month they are due, as a stacked bar chart and a timeline (overdue in red).
import { useMemo } from 'react';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { Chart } from '../../components/Chart';
import { useI18n, type Translate } from '../../i18n';
import type { TaskView } from '../../types';
import { deadlineText, groupByMonth, type MonthGroup } from './planLogic';
import { DueTag, TaskStatusTag } from './shared';

export function timelineChartOption(groups: MonthGroup<TaskView>[], t: Translate) {
  const count = (g: MonthGroup<TaskView>, pred: (task: TaskView) => boolean) => g.tasks.filter(pred).length;
  return {
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: groups.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('summaryOverdue'), type: 'bar', stack: 'n', barMaxWidth: 56, itemStyle: { color: '#cf1322' }, data: groups.map((g) => count(g, (x) => x.due_state === 'overdue')) },
      { name: t('notificationKind_due_soon'), type: 'bar', stack: 'n', itemStyle: { color: '#fa8c16' }, data: groups.map((g) => count(g, (x) => x.due_state === 'due_soon')) },
      { name: t('summaryDone'), type: 'bar', stack: 'n', itemStyle: { color: '#389e0d' }, data: groups.map((g) => count(g, (x) => x.due_state === 'not_due' && x.status === 'done')) },
      { name: t('taskStatus_in_progress'), type: 'bar', stack: 'n', itemStyle: { color: '#1f6fb2' }, data: groups.map((g) => count(g, (x) => x.due_state === 'not_due' && x.status !== 'done')) },
    ],
  };
}

export function TimelineTab({ tasks, departmentName }: { tasks: TaskView[]; departmentName: (code: string) => string }) {
  const { t, lang } = useI18n();
  const groups = useMemo(() => groupByMonth(tasks, lang), [tasks, lang]);
  const option = useMemo(() => timelineChartOption(groups, t), [groups, t]);
  if (tasks.length === 0) return <Empty description={t('timelineEmpty')} />;
  return (
    <div data-testid="plan-timeline">
      <Card size="small" title={t('timelineChart')} style={{ marginBottom: 12 }}>
        <Chart option={option} height={260} ariaLabel={t('timelineChart')} />
      </Card>
      <Card size="small">
        <Timeline
          items={groups.map((g) => {
            const overdue = g.tasks.some((x) => x.due_state === 'overdue');
            return {
              color: overdue ? 'red' : g.tasks.every((x) => x.status === 'done') ? 'green' : 'blue',
              children: (
                <div data-testid={`month-${g.key || 'none'}`}>
                  <Typography.Text strong className={overdue ? 'lost' : undefined}>
                    {g.label}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">({g.tasks.length})</Typography.Text>
                  <ul className="timeline-tasks">
                    {g.tasks.map((task) => (
                      <li key={task.id} className={task.due_state === 'overdue' ? 'lost' : undefined}>
                        <Space wrap size={4}>
                          <span className="num">{deadlineText(task, lang)}</span>
                          <span>
                            {task.position}. {task.title}
                          </span>
                          <Tag>{departmentName(task.lead_department)}</Tag>
                          <TaskStatusTag status={task.status} />
                          <DueTag state={task.due_state} daysLeft={task.days_left} />
                        </Space>
                      </li>
                    ))}
                  </ul>
                </div>
              ),
            };
          })}
        />
      </Card>
    </div>
  );
}
