// Pieces shared by the plan screens: the plan query, the unit's departments, tags, and the task update dialog
// (status, progress slider, note, evidence upload with a progress bar, and the update history).
import { useRef, useState } from 'react';
import {
  App as AntApp, Button, Form, Input, InputNumber, List, Modal, Progress, Select, Slider, Space, Tag, Typography,
} from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, taskEvidenceUrl, uploadTaskEvidence } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import type { DueState, TaskStatus, TaskView, UploadedFile } from '../../types';
import { dueStateTag, formatDateTimeVi, TASK_STATUSES } from './planLogic';

export const planKey = (unit: string | undefined, year: number) => ['plan', unit, year] as const;

/** GET /api/units/{code}/plans/{year}; a 404 (no plan yet) answers null. */
export function usePlan(unit: string | undefined, year: number) {
  return useQuery({
    queryKey: planKey(unit, year),
    queryFn: async () => {
      try {
        return await api.plan(unit!, year);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(unit) && Number.isFinite(year),
    retry: false,
  });
}

/** The units with their departments (GET /api/units), for names of units and departments. */
export function useUnitsDetail() {
  return useQuery({ queryKey: ['units', 'detail'], queryFn: api.adminUnits, retry: false, staleTime: 10 * 60_000 });
}

/** A department's name: from the unit list, else the plan's progress rows, else the code. */
export function useDepartmentNames(unit: string | undefined, extra: Array<{ key: string; name: string }> = []) {
  const units = useUnitsDetail();
  const departments = (units.data ?? []).find((u) => u.code === unit)?.departments ?? [];
  const names = new Map<string, string>();
  for (const row of extra) if (row.key && row.name) names.set(row.key, row.name);
  for (const d of departments) names.set(d.code, d.name);
  return {
    departments: [...names.entries()].map(([code, name]) => ({ code, name })),
    name: (code: string | null | undefined) => (code ? (names.get(code) ?? code) : ''),
    unitName: (code: string) => (units.data ?? []).find((u) => u.code === code)?.name ?? code,
  };
}

const STATUS_COLORS: Record<TaskStatus, string> = { not_started: 'default', in_progress: 'blue', done: 'green', cancelled: 'default' };

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="task-status">
      {t(`taskStatus_${status}` as MessageKey)}
    </Tag>
  );
}

export function DueTag({ state, daysLeft, testId }: { state: DueState; daysLeft: number; testId?: string }) {
  const { lang } = useI18n();
  const tag = dueStateTag(state, daysLeft, lang);
  if (!tag) return null;
  return (
    <Tag color={tag.color} data-testid={testId ?? `due-${state}`}>
      {tag.label}
    </Tag>
  );
}

export function TaskProgress({ task }: { task: Pick<TaskView, 'progress' | 'status' | 'due_state'> }) {
  const value = task.status === 'done' ? 100 : task.progress;
  return (
    <Progress
      percent={value}
      size="small"
      status={task.status === 'done' ? 'success' : task.due_state === 'overdue' ? 'exception' : 'normal'}
      format={(p) => `${p} %`}
      style={{ minWidth: 110, marginBottom: 0 }}
    />
  );
}

export function statusOptions(t: (k: MessageKey) => string) {
  return TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus_${s}` as MessageKey) }));
}

/** The update history of a task, newest first. */
export function UpdateHistory({ task }: { task: TaskView }) {
  const { t } = useI18n();
  const updates = useQuery({ queryKey: ['task-updates', task.id], queryFn: () => api.taskUpdates(task.id), retry: false });
  const rows = [...(updates.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div data-testid="update-history">
      <Typography.Title level={5}>{t('updateHistory')}</Typography.Title>
      <ErrorAlert error={updates.error} />
      <List
        size="small"
        loading={updates.isLoading}
        locale={{ emptyText: t('noUpdates') }}
        dataSource={rows}
        renderItem={(u) => (
          <List.Item data-testid="update-row">
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Space wrap size="small">
                <Typography.Text strong>{formatDateTimeVi(u.at)}</Typography.Text>
                <span>{u.username}</span>
                <TaskStatusTag status={u.status} />
                <span className="num">{u.progress} %</span>
              </Space>
              {u.note && <Typography.Text>{u.note}</Typography.Text>}
              {u.evidence.length > 0 && (
                <Space wrap size="small">
                  {u.evidence.map((sha) => (
                    <a key={sha} href={taskEvidenceUrl(sha, task.id)} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {sha.slice(0, 10)}
                    </a>
                  ))}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

/** A percentage: a slider and a number box kept together (the box takes typed values, e.g. 60). */
export function PercentInput({ value, onChange, disabled }: { value?: number; onChange?: (v: number) => void; disabled?: boolean }) {
  return (
    <Space style={{ width: '100%' }} align="center" wrap>
      <Slider min={0} max={100} step={5} value={value ?? 0} onChange={(v) => onChange?.(v)} disabled={disabled} style={{ width: 300 }} tooltip={{ formatter: (v) => `${v} %` }} />
      <InputNumber
        min={0}
        max={100}
        precision={0}
        value={value ?? 0}
        disabled={disabled}
        onChange={(v) => onChange?.(typeof v === 'number' ? v : 0)}
        addonAfter="%"
        style={{ width: 120 }}
        data-testid="progress-input"
      />
    </Space>
  );
}

interface UpdateValues {
  status: TaskStatus;
  progress: number;
  note: string;
}

/** The update dialog of a task. */
export function TaskUpdateModal({ task, onClose }: { task: TaskView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<UpdateValues>();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<Array<UploadedFile & { name: string }>>([]);
  const [upload, setUpload] = useState<{ name: string; percent: number; failed: boolean } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: (values: UpdateValues) =>
      api.updateTask(task!.id, { status: values.status, progress: values.progress, note: (values.note ?? '').trim(), evidence: files.map((f) => f.sha256) }),
    onSuccess: () => {
      void message.success(t('updateSaved'));
      void client.invalidateQueries({ queryKey: ['plan', task!.unit, task!.year] });
      void client.invalidateQueries({ queryKey: ['my-tasks'] });
      void client.invalidateQueries({ queryKey: ['overdue'] });
      void client.invalidateQueries({ queryKey: ['task-updates', task!.id] });
      void client.invalidateQueries({ queryKey: ['notifications'] });
      onClose();
    },
  });

  const pick = async (file: File | undefined) => {
    if (!file || !task) return;
    setUploadError(null);
    setUpload({ name: file.name, percent: 0, failed: false });
    try {
      const stored = await uploadTaskEvidence(task.id, file, (percent) => setUpload({ name: file.name, percent, failed: false }));
      setFiles((list) => [...list, { ...stored, name: file.name }]);
    } catch (error) {
      setUpload({ name: file.name, percent: 100, failed: true });
      setUploadError(error);
    }
  };

  const status = Form.useWatch('status', form);
  return (
    <Modal
      open={Boolean(task)}
      title={task ? t('updateTitle', { title: task.title }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'update-save', disabled: upload !== null && upload.percent < 100 } as { disabled: boolean }}
      destroyOnHidden
      width={640}
    >
      {task && (
        <>
          <ErrorAlert error={save.error} />
          <Form<UpdateValues>
            form={form}
            layout="vertical"
            preserve={false}
            data-testid="update-form"
            initialValues={{ status: task.status === 'not_started' ? 'in_progress' : task.status, progress: task.progress, note: '' }}
            onValuesChange={(changed) => {
              if (changed.status === 'done') form.setFieldValue('progress', 100);
            }}
            onFinish={(values) => save.mutate(values)}
          >
            <Form.Item name="status" label={t('taskStatus')} rules={[{ required: true, message: t('required') }]}>
              <Select id="update-status" options={statusOptions(t)} />
            </Form.Item>
            <Form.Item name="progress" label={t('taskProgress')} rules={[{ required: true, message: t('required') }]}>
              <PercentInput disabled={status === 'done'} />
            </Form.Item>
            <Form.Item name="note" label={t('note')}>
              <Input.TextArea id="update-note" rows={3} placeholder={t('notePlaceholder')} maxLength={4000} />
            </Form.Item>
            <Form.Item label={t('evidence')}>
              <input
                ref={input}
                type="file"
                style={{ display: 'none' }}
                data-testid="update-file"
                onChange={(e) => {
                  void pick(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="update-attach">
                  {t('attachEvidence')}
                </Button>
                {upload && (
                  <Progress percent={upload.percent} size="small" status={upload.failed ? 'exception' : upload.percent < 100 ? 'active' : 'success'} data-testid="update-upload-progress" />
                )}
                <ErrorAlert error={uploadError} />
                {files.map((f) => (
                  <Tag key={f.sha256} closable onClose={() => setFiles((list) => list.filter((x) => x.sha256 !== f.sha256))} icon={<PaperClipOutlined />}>
                    {f.name}
                  </Tag>
                ))}
              </Space>
            </Form.Item>
          </Form>
          <UpdateHistory task={task} />
        </>
      )}
    </Modal>
  );
}
