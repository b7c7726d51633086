// The self-assessment form and the appraisal screen of one unit-year (issue 3, sections 5 and 6):
// status steps, the framework tree with the scores, evidence, assignments, explanations and the
// workflow buttons that the server's `can` allows.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Alert, App as AntApp, Button, Card, Drawer, Empty, Grid, Input, InputNumber, Progress, Select, Skeleton, Space, Spin, Steps,
  Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, HistoryOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, evidenceUrl, uploadEvidence } from '../api';
import { DEFAULT_YEAR, useSession } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { AssessmentCards } from '../components/assessment/AssessmentCards';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../format';
import { SuggestedScore, useSuggestions } from './kpi/SuggestedScore';
import type { KpiSuggestion } from './kpi/kpiTypes';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import type { Assessment, AssessmentNode, User } from '../types';
import {
  actionButtons, currentStep, formatDateTime, formatSize, parseScore, showScore, statusSteps, validateAppraisal, validateScore,
} from '../workflow';
import './assessment.css';

type Row = AssessmentNode & { children?: Row[]; selfTotal?: number | null; appraisedTotal?: number | null };

/** Nests the nodes under their parents and sums the leaves' scores into the areas. */
export function buildAssessmentTree(nodes: AssessmentNode[]): Row[] {
  const byCode = new Map<string, Row>();
  nodes.forEach((n) => byCode.set(n.code, { ...n }));
  const roots: Row[] = [];
  nodes.forEach((n) => {
    const row = byCode.get(n.code)!;
    const parent = n.parent ? byCode.get(n.parent) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  });
  const sum = (row: Row): [number | null, number | null] => {
    if (!row.children?.length) {
      const s = parseScore(row.self);
      const a = parseScore(row.appraised);
      return [s === null || Number.isNaN(s) ? null : s, a === null || Number.isNaN(a) ? null : a];
    }
    let s: number | null = null;
    let a: number | null = null;
    for (const child of row.children) {
      const [cs, ca] = sum(child);
      if (cs !== null) s = Math.round(((s ?? 0) + cs) * 100) / 100;
      if (ca !== null) a = Math.round(((a ?? 0) + ca) * 100) / 100;
    }
    row.selfTotal = s;
    row.appraisedTotal = a;
    return [s, a];
  };
  roots.forEach(sum);
  return roots;
}

const scoreText = (v: number | string | null | undefined): string | null => {
  const n = parseScore(v ?? null);
  return n === null || Number.isNaN(n) ? null : String(n);
};

/**
 * Writes a saved self score or explanation into the cached assessment at once, so that the other
 * editor of the same criterion (score or explanation) sends the new value even before the refetch.
 */
function usePatchNode(unit: string, year: number) {
  const client = useQueryClient();
  return (code: string, patch: Partial<AssessmentNode>) =>
    client.setQueryData<Assessment>(['assessment', unit, year], (old) =>
      old ? { ...old, nodes: old.nodes.map((n) => (n.code === code ? { ...n, ...patch } : n)) } : old,
    );
}

function useInvalidate(unit: string, year: number) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['assessment', unit, year] }),
      client.invalidateQueries({ queryKey: ['audit', unit] }),
    ]);
}

/** Saving state next to an input: a spinner, "Đã lưu" or the error. */
function SaveState({ saving, saved, error, testid }: { saving: boolean; saved: boolean; error: string | null; testid: string }) {
  const { t } = useI18n();
  if (saving) return <Spin size="small" className="save-spin" data-testid={`${testid}-saving`} />;
  if (error)
    return (
      <div className="field-error" role="alert" data-testid={`${testid}-error`}>
        {error}
      </div>
    );
  if (saved)
    return (
      <span className="field-saved" data-testid={`${testid}-saved`}>
        <CheckOutlined /> {t('saved')}
      </span>
    );
  return null;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const reasons = error.details.map((d) => d.reason).filter(Boolean);
    return reasons.length > 0 ? `${error.message}: ${reasons.join('; ')}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The self score of one leaf: InputNumber with a decimal comma, saved on blur or Enter. */
function SelfScoreEditor({
  node, unit, year, suggestion,
}: { node: AssessmentNode; unit: string; year: number; suggestion?: KpiSuggestion }) {
  const server = scoreText(node.self);
  const [value, setValue] = useState<string | null>(server);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const invalidate = useInvalidate(unit, year);
  const patch = usePatchNode(unit, year);
  useEffect(() => setValue(server), [server]);
  const save = useMutation({
    mutationFn: (score: number | null) => api.setSelf(unit, year, node.code, score, node.explanation ?? ''),
    onSuccess: async (_, score) => {
      patch(node.code, { self: score });
      setSaved(true);
      await invalidate();
    },
    onError: (e) => setError(messageOf(e)),
  });
  const commit = (text: string) => {
    setSaved(false);
    const problem = validateScore(text, node.max);
    setError(problem);
    if (problem) return;
    const score = parseScore(text);
    if ((score === null ? null : String(score)) === server) return;
    save.mutate(score);
  };
  return (
    <div className="score-editor" data-testid={`self-cell-${node.code}`}>
      <InputNumber<string>
        stringMode
        decimalSeparator=","
        className="score-input"
        status={error ? 'error' : undefined}
        value={value}
        placeholder={`0–${formatNumber(node.max ?? 0)}`}
        onChange={(v) => setValue(v)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && commit(e.currentTarget.value)}
        aria-label={`Tự chấm ${node.code}`}
      />
      <SaveState saving={save.isPending} saved={saved} error={error} testid={`self-${node.code}`} />
      {suggestion && (
        <SuggestedScore
          suggestion={suggestion}
          onUse={(text) => {
            setValue(text);
            commit(text);
          }}
        />
      )}
    </div>
  );
}

/** The explanation text of a self score, saved on blur. */
function SelfExplanationEditor({ node, unit, year }: { node: AssessmentNode; unit: string; year: number }) {
  const { t } = useI18n();
  const server = node.explanation ?? '';
  const [text, setText] = useState(server);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const invalidate = useInvalidate(unit, year);
  const patch = usePatchNode(unit, year);
  useEffect(() => setText(server), [server]);
  const save = useMutation({
    mutationFn: (explanation: string) => api.setSelf(unit, year, node.code, parseScore(node.self), explanation),
    onSuccess: async (_, explanation) => {
      patch(node.code, { explanation });
      setSaved(true);
      setError(null);
      await invalidate();
    },
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <div data-testid={`explanation-cell-${node.code}`}>
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        value={text}
        placeholder={t('explanationField')}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
        onBlur={() => text !== server && save.mutate(text)}
      />
      <SaveState saving={save.isPending} saved={saved} error={error} testid={`explanation-${node.code}`} />
    </div>
  );
}

function DepartmentEditor({ node, data }: { node: AssessmentNode; data: Assessment }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidate(data.unit, data.year);
  const save = useMutation({
    mutationFn: (department: string | null) => api.assign(data.unit, data.year, node.code, department),
    onSuccess: async () => {
      setError(null);
      await invalidate();
    },
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <div data-testid={`department-cell-${node.code}`}>
      <Select
        size="small"
        allowClear
        className="department-select"
        placeholder={t('unassigned')}
        value={node.assigned_department ?? undefined}
        options={data.departments.map((d) => ({ value: d.code, label: d.name }))}
        onChange={(v) => save.mutate(v ?? null)}
        loading={save.isPending}
        popupMatchSelectWidth={false}
      />
      <SaveState saving={false} saved={false} error={error} testid={`department-${node.code}`} />
    </div>
  );
}

/** The evidence files of a leaf (download links) and, when allowed, an upload with a progress bar. */
function EvidenceCell({ node, data, canUpload }: { node: AssessmentNode; data: Assessment; canUpload: boolean }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<'active' | 'success' | 'exception'>('active');
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidate(data.unit, data.year);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setStatus('active');
    setProgress(0);
    try {
      await uploadEvidence(data.unit, data.year, node.code, file, setProgress);
      setStatus('success');
      await invalidate();
    } catch (e) {
      setStatus('exception');
      setError(messageOf(e));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="evidence-cell" data-testid={`evidence-cell-${node.code}`}>
      {node.evidence.map((f) => (
        <div key={f.sha256 + f.file_name} className="evidence-file">
          <a href={evidenceUrl(f.sha256, data.unit, data.year)} download={f.file_name} data-testid="evidence-link">
            <PaperClipOutlined /> {f.file_name}
          </a>{' '}
          <span className="muted small nowrap">({formatSize(f.size)})</span>
        </div>
      ))}
      {canUpload && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            data-testid={`evidence-input-${node.code}`}
            accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.zip"
            onChange={(e) => onFile(e.target.files?.[0])}
          />
          <Button size="small" icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={progress !== null && status === 'active'}>
            {t('upload')}
          </Button>
        </>
      )}
      {progress !== null && (
        <Progress percent={progress} size="small" status={status} data-testid={`upload-progress-${node.code}`} />
      )}
      {error && (
        <div className="field-error" role="alert" data-testid={`evidence-${node.code}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** The appraised score and reason of a leaf, with "Chấp nhận" copying the self score. */
function AppraisalEditor({ node, unit, year }: { node: AssessmentNode; unit: string; year: number }) {
  const { t } = useI18n();
  const server = scoreText(node.appraised);
  const [value, setValue] = useState<string | null>(server);
  const [reason, setReason] = useState(node.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const invalidate = useInvalidate(unit, year);
  useEffect(() => setValue(server), [server]);
  useEffect(() => setReason(node.reason ?? ''), [node.reason]);
  const save = useMutation({
    mutationFn: ({ score, why }: { score: number | null; why: string }) => api.appraise(unit, year, node.code, score, why),
    onSuccess: async () => {
      setSaved(true);
      setError(null);
      await invalidate();
    },
    onError: (e) => setError(messageOf(e)),
  });
  const commit = (scoreTextValue: string | null, why: string, force = false) => {
    setSaved(false);
    const problem = validateAppraisal(scoreTextValue, node.self, why, node.max);
    setError(problem);
    if (problem) return;
    const score = parseScore(scoreTextValue);
    if (!force && (score === null ? null : String(score)) === server && why === (node.reason ?? '')) return;
    save.mutate({ score, why: why.trim() });
  };
  const selfText = scoreText(node.self);
  return (
    <div className="appraisal-editor" data-testid={`appraisal-cell-${node.code}`}>
      <Space size={4} wrap>
        <InputNumber<string>
          stringMode
          decimalSeparator=","
          className="score-input"
          status={error ? 'error' : undefined}
          value={value}
          placeholder={`0–${formatNumber(node.max ?? 0)}`}
          onChange={(v) => setValue(v)}
          onBlur={(e) => commit(e.target.value, reason)}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && commit(e.currentTarget.value, reason)}
          aria-label={`Thẩm định ${node.code}`}
        />
        <Button
          size="small"
          data-testid={`accept-${node.code}`}
          disabled={selfText === null}
          onClick={() => {
            setValue(selfText);
            setReason('');
            commit(selfText, '', true);
          }}
        >
          {t('accept')}
        </Button>
      </Space>
      <Input.TextArea
        className="reason-input"
        autoSize={{ minRows: 1, maxRows: 3 }}
        placeholder={t('reasonPlaceholder')}
        value={reason}
        data-testid={`reason-${node.code}`}
        onChange={(e) => setReason(e.target.value)}
        onBlur={(e) => value !== null && commit(value, e.target.value)}
      />
      <SaveState saving={save.isPending} saved={saved} error={error} testid={`appraisal-${node.code}`} />
    </div>
  );
}

/** The unit's explanation (or objection) to an appraised score, during the explanation period. */
function ExplainEditor({ node, unit, year }: { node: AssessmentNode; unit: string; year: number }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidate(unit, year);
  const send = useMutation({
    mutationFn: (value: string) => api.explain(unit, year, node.code, value),
    onSuccess: async () => {
      setText('');
      setError(null);
      await invalidate();
    },
    onError: (e) => setError(messageOf(e)),
  });
  return (
    <div className="explain-editor" data-testid={`explain-${node.code}`}>
      <Space.Compact style={{ width: '100%' }}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('explainPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="primary" loading={send.isPending} disabled={!text.trim()} onClick={() => send.mutate(text.trim())}>
          {t('sendExplanation')}
        </Button>
      </Space.Compact>
      {error && <div className="field-error" role="alert">{error}</div>}
    </div>
  );
}

function ExplanationList({ node }: { node: AssessmentNode }) {
  const { t } = useI18n();
  if (!node.explanations?.length) return null;
  return (
    <div className="explanations" data-testid={`explanations-${node.code}`}>
      <div className="explanations-title">{t('explanations')}</div>
      {node.explanations.map((e, i) => (
        <div key={i} className="explanation">
          <span className="muted small">
            {e.by} · {formatDateTime(e.at)}
          </span>
          <div>{e.text}</div>
        </div>
      ))}
    </div>
  );
}

/** The status steps Tự chấm → Đã nộp → Thẩm định → Giải trình → Chốt → Công bố, with dates. */
export function StatusSteps({ data, t }: { data: Pick<Assessment, 'status' | 'state'>; t: Translate }) {
  const current = currentStep(data.status, data.state);
  const published = data.status === 'published';
  return (
    <Steps
      size="small"
      className="status-steps"
      data-testid="status-steps"
      current={current}
      status={published ? 'finish' : 'process'}
      items={statusSteps(data.state).map((s) => ({
        title: t(s.title),
        description: s.date
          ? s.dateKind === 'deadline'
            ? `${t('deadlinePrefix')} ${formatDateTime(s.date)}`
            : formatDateTime(s.date)
          : undefined,
      }))}
    />
  );
}

/** Officers edit only the criteria assigned to their department; the server decides the rest. */
function mayEditNode(user: User | undefined, node: AssessmentNode): boolean {
  if (user?.role !== 'officer') return true;
  return Boolean(user.department) && node.assigned_department === user.department;
}

function titleCell(node: Row, flagged: Set<string>, t: Translate, extra?: React.ReactNode) {
  return (
    <div className="criterion-title">
      <span className={node.leaf ? '' : 'area-title'}>{node.title}</span>
      {node.evidence_required && node.leaf && (
        <Tooltip title={t('evidenceRequired')}>
          <PaperClipOutlined className="muted evidence-required-icon" />
        </Tooltip>
      )}
      {flagged.has(node.code) && (
        <Tag color="red" className="flag-tag" data-testid={`flag-${node.code}`}>
          {t('missingEvidence')}
        </Tag>
      )}
      {extra}
    </div>
  );
}

export function AssessmentPage() {
  const { code, year: yearParam } = useParams();
  const unit = code ?? '';
  const year = Number(yearParam) || DEFAULT_YEAR;
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const { data: session } = useSession();
  const user = session?.user;
  const [historyNode, setHistoryNode] = useState<AssessmentNode | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const invalidate = useInvalidate(unit, year);
  const client = useQueryClient();
  // Phones (under 768 px): one card per criterion instead of the wide table, actions in a bar at the bottom.
  const narrow = Grid.useBreakpoint().md === false;

  // Data-scored criteria (issue 5 §4): the suggested score from the unit's KPI.
  const suggestions = useSuggestions(unit, year);
  const assessment = useQuery({
    queryKey: ['assessment', unit, year],
    queryFn: () => api.assessment(unit, year),
    enabled: Boolean(unit),
    retry: false,
  });
  const open = useMutation({
    mutationFn: () => api.openAssessment(unit, year),
    onSuccess: (data) => client.setQueryData(['assessment', unit, year], data),
  });
  const transition = useMutation({
    mutationFn: (endpoint: string) => api.transition(unit, year, endpoint),
    onSuccess: async () => {
      setActionError(null);
      await invalidate();
      await client.invalidateQueries({ queryKey: ['results', unit] });
    },
    onError: (e) => setActionError(e),
  });
  const history = useQuery({
    queryKey: ['audit', unit, year, historyNode?.code],
    queryFn: () => api.audit(unit, { year, node: historyNode!.code, limit: 200 }),
    enabled: Boolean(historyNode),
  });

  const data = assessment.data;
  const tree = useMemo(() => buildAssessmentTree(data?.nodes ?? []), [data]);
  const flagged = useMemo(() => new Set((data?.evidence_flags ?? []).map((f) => f.code)), [data]);

  if (assessment.isLoading) return <Skeleton active />;
  if (assessment.error instanceof ApiError && assessment.error.status === 404) {
    return (
      <div className="page">
        <Typography.Title level={3} className="page-title">
          {t('assessmentTitle', { year })}
        </Typography.Title>
        <Card>
          <Empty description={t('noAssessment', { year })}>
            {(user?.role === 'coordinator' || user?.role === 'admin') && (
              <Button type="primary" data-testid="open-draft" loading={open.isPending} onClick={() => open.mutate()}>
                {t('openDraft')}
              </Button>
            )}
          </Empty>
          <ErrorAlert error={open.error} />
        </Card>
      </div>
    );
  }
  if (assessment.error || !data) return <ErrorAlert error={assessment.error} />;

  const appraisalView = data.status !== 'draft' || data.can.appraise;
  const buttons = actionButtons(data.can);
  const departmentName = (c: string | null) => data.departments.find((d) => d.code === c)?.name ?? c;

  const runAction = (endpoint: string, label: MessageKey, confirm: MessageKey) => {
    modal.confirm({
      title: t(label),
      content: t(confirm),
      okText: t(label),
      cancelText: t('cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      onOk: () =>
        transition.mutateAsync(endpoint).then(
          () => void message.success(t('wfDone', { action: t(label) })),
          () => undefined,
        ),
    });
  };

  const historyColumn = {
    title: '',
    key: 'history',
    width: 48,
    render: (_: unknown, node: Row) =>
      node.leaf ? (
        <Tooltip title={t('history')}>
          <Button size="small" type="text" icon={<HistoryOutlined />} data-testid={`history-${node.code}`} onClick={() => setHistoryNode(node)} />
        </Tooltip>
      ) : null,
  };
  const codeColumn = { title: t('code'), key: 'code', dataIndex: 'code', width: 110, render: (c: string) => <b>{c}</b> };
  const maxColumn = {
    title: t('max'),
    key: 'max',
    dataIndex: 'max',
    width: 64,
    align: 'right' as const,
    render: (m: number | null) => <span className="num">{formatNumber(m)}</span>,
  };

  const selfColumns: ColumnsType<Row> = [
    codeColumn,
    { title: t('criterion'), key: 'title', dataIndex: 'title', render: (_: string, node) => titleCell(node, flagged, t) },
    maxColumn,
    {
      title: t('selfColumn'),
      key: 'self',
      width: 150,
      render: (_: unknown, node) =>
        !node.leaf ? (
          <span className="num area-total">{formatNumber(node.selfTotal ?? null)}</span>
        ) : data.can.self_score && mayEditNode(user, node) && !node.max_only ? (
          <SelfScoreEditor node={node} unit={unit} year={year} suggestion={suggestions.get(node.code)} />
        ) : (
          <>
            <span className="num" data-testid={`self-value-${node.code}`}>{showScore(node.self)}</span>
            {node.leaf && suggestions.get(node.code) && <SuggestedScore suggestion={suggestions.get(node.code)!} />}
          </>
        ),
    },
    {
      title: t('explanationField'),
      key: 'explanation',
      width: 240,
      render: (_: unknown, node) =>
        !node.leaf ? null : data.can.self_score && mayEditNode(user, node) ? (
          <SelfExplanationEditor node={node} unit={unit} year={year} />
        ) : (
          <span className="small">{node.explanation || ''}</span>
        ),
    },
    {
      title: t('department'),
      key: 'department',
      width: 170,
      render: (_: unknown, node) =>
        !node.leaf ? null : data.can.assign ? (
          <DepartmentEditor node={node} data={data} />
        ) : (
          <span className="small" data-testid={`department-value-${node.code}`}>
            {node.assigned_department ? departmentName(node.assigned_department) : <span className="muted">{t('unassigned')}</span>}
          </span>
        ),
    },
    {
      title: t('evidence'),
      key: 'evidence',
      width: 220,
      render: (_: unknown, node) =>
        node.leaf ? <EvidenceCell node={node} data={data} canUpload={data.can.self_score && mayEditNode(user, node)} /> : null,
    },
    historyColumn,
  ];

  const appraisalColumns: ColumnsType<Row> = [
    codeColumn,
    {
      title: t('criterion'),
      key: 'title',
      dataIndex: 'title',
      render: (_: string, node) =>
        titleCell(
          node,
          flagged,
          t,
          node.leaf ? (
            <>
              {node.explanation && <div className="muted small self-explanation">{node.explanation}</div>}
              <ExplanationList node={node} />
              {data.can.explain && <ExplainEditor node={node} unit={unit} year={year} />}
            </>
          ) : null,
        ),
    },
    maxColumn,
    {
      title: t('selfColumn'),
      key: 'self',
      width: 80,
      align: 'right',
      render: (_: unknown, node) => (
        <span className="num" data-testid={node.leaf ? `self-value-${node.code}` : undefined}>
          {node.leaf ? showScore(node.self) : formatNumber(node.selfTotal ?? null)}
        </span>
      ),
    },
    {
      title: t('evidence'),
      key: 'evidence',
      width: 180,
      render: (_: unknown, node) => (node.leaf ? <EvidenceCell node={node} data={data} canUpload={false} /> : null),
    },
    {
      title: t('appraisedScore'),
      key: 'appraised',
      width: 300,
      render: (_: unknown, node) =>
        !node.leaf ? (
          <span className="num area-total">{formatNumber(node.appraisedTotal ?? null)}</span>
        ) : data.can.appraise && !node.max_only ? (
          <AppraisalEditor node={node} unit={unit} year={year} />
        ) : (
          <div data-testid={`appraised-value-${node.code}`}>
            <span className="num">{showScore(node.appraised)}</span>
            {node.reason && <div className="muted small">{t('reason')}: {node.reason}</div>}
          </div>
        ),
    },
    historyColumn,
  ];

  const submitDetails = actionError instanceof ApiError && actionError.status === 409 ? actionError.details : [];

  return (
    <div className={`page assessment-page${narrow && buttons.length > 0 ? ' has-fixed-actions' : ''}`}>
      <div className="page-header">
        <Typography.Title level={3} className="page-title" data-testid="assessment-title">
          {t(appraisalView ? 'appraisalTitle' : 'assessmentTitle', { year })} · {data.unit_name}
        </Typography.Title>
        <Space wrap>
          <Link to={`/units/${unit}/${year}`}>{t('dashboard')}</Link>
          <Link to={`/units/${unit}/${year}/history`} data-testid="history-link">
            <HistoryOutlined /> {t('auditAll')}
          </Link>
        </Space>
      </div>
      <Card size="small" className="section-first">
        <StatusSteps data={data} t={t} />
        <div className="workflow-bar">
          <Space wrap>
            <Tag color={data.status === 'published' ? 'green' : data.status === 'draft' ? 'blue' : 'gold'} data-testid="assessment-status">
              {t(`status_${data.status}` as MessageKey)}
            </Tag>
            {data.state.approved_at && (
              <span className="muted small" data-testid="approved-by">
                {t('approvedBy', { who: data.state.approved_by ?? '' })} · {formatDateTime(data.state.approved_at)}
              </span>
            )}
          </Space>
          <Space wrap className={narrow && buttons.length > 0 ? 'workflow-actions workflow-actions-fixed' : 'workflow-actions'} data-testid="workflow-actions">
            {buttons.map((b) => (
              <Button
                key={b.action}
                type={b.primary ? 'primary' : 'default'}
                danger={b.danger}
                data-testid={`action-${b.action}`}
                loading={transition.isPending && transition.variables === b.endpoint}
                onClick={() => runAction(b.endpoint, b.label, b.confirm)}
              >
                {t(b.label)}
              </Button>
            ))}
          </Space>
        </div>
        {data.status === 'appraised' && data.state.explanation_deadline && (
          <Alert
            className="section-small"
            type="info"
            showIcon
            data-testid="explanation-deadline"
            message={t('explanationDeadline', { date: formatDateTime(data.state.explanation_deadline) })}
          />
        )}
        {submitDetails.length > 0 ? (
          <Alert
            className="section-small"
            type="error"
            showIcon
            data-testid="action-error"
            message={(actionError as ApiError).message}
            description={
              <ul className="error-details">
                {submitDetails.map((d, i) => (
                  <li key={i}>
                    <b>{String(d.code ?? d.path ?? d.field ?? '')}</b> {String(d.title ?? '')}
                    {d.reason ? ` — ${d.reason}` : ''}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          actionError !== null && (
            <div className="section-small" data-testid="action-error">
              <ErrorAlert error={actionError} />
            </div>
          )
        )}
        {data.status === 'draft' && data.evidence_flags.length > 0 && (
          <Alert
            className="section-small"
            type="warning"
            showIcon
            data-testid="evidence-flags"
            message={t('flaggedTitle')}
            description={data.evidence_flags.map((f) => `${f.code} ${f.title}`).join('; ')}
          />
        )}
      </Card>
      {narrow ? (
        <div className="section">
          <AssessmentCards<Row> tree={tree} columns={appraisalView ? appraisalColumns : selfColumns} testid="assessment-tree" />
        </div>
      ) : (
        <Card size="small" className="section">
          <Table<Row>
            data-testid="assessment-tree"
            className="assessment-table"
            size="small"
            rowKey="code"
            columns={appraisalView ? appraisalColumns : selfColumns}
            dataSource={tree}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            rowClassName={(node) => (node.leaf ? 'leaf-row' : 'area-row')}
            scroll={{ x: 1100 }}
          />
        </Card>
      )}
      <Drawer
        open={Boolean(historyNode)}
        onClose={() => setHistoryNode(null)}
        width={narrow ? '100%' : 820}
        title={historyNode ? `${t('historyOf', { code: historyNode.code })}: ${historyNode.title}` : ''}
        data-testid="history-drawer"
      >
        {history.error ? <ErrorAlert error={history.error} /> : null}
        <AuditTable entries={history.data ?? []} loading={history.isLoading} showNode={false} />
      </Drawer>
    </div>
  );
}
