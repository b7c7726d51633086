import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n, type MessageKey } from '../i18n';
import type { AuditEntry } from '../types';
import { formatDateTime, parseScore } from '../workflow';
import { formatNumber } from '../format';

const ACTIONS: Record<string, [string, string]> = {
  'assessment.open': ['Mở phiếu', 'Opened'],
  'criterion.assign': ['Giao tiêu chí', 'Assigned'],
  'score.self': ['Tự chấm', 'Self score'],
  'score.explanation': ['Thuyết minh', 'Explanation'],
  'evidence.add': ['Tải tài liệu kiểm chứng', 'Evidence uploaded'],
  'assessment.approve': ['Phê duyệt', 'Approved'],
  'assessment.submit': ['Nộp', 'Submitted'],
  'assessment.withdraw': ['Rút lại', 'Withdrawn'],
  'score.accept': ['Chấp nhận điểm', 'Accepted'],
  'score.adjust': ['Điều chỉnh điểm', 'Adjusted'],
  'assessment.appraised': ['Hoàn thành thẩm định', 'Appraisal completed'],
  'score.explain': ['Giải trình', 'Explained'],
  'assessment.finalise': ['Chốt kết quả', 'Finalised'],
  'assessment.publish': ['Công bố', 'Published'],
};

const FIELDS: Record<string, [string, string]> = {
  status: ['Trạng thái', 'Status'],
  department: ['Phụ trách', 'Department'],
  self: ['Điểm tự chấm', 'Self score'],
  explanation: ['Thuyết minh', 'Explanation'],
  evidence: ['Tài liệu kiểm chứng', 'Evidence'],
  approved: ['Phê duyệt', 'Approval'],
  appraised: ['Điểm thẩm định', 'Appraised score'],
  reason: ['Lý do', 'Reason'],
};

/** An audit value as text: numbers with a decimal comma, objects as JSON, empty as "—". */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const n = /^-?\d+(\.\d+)?$/.test(value.trim()) ? parseScore(value) : null;
    return n !== null && !Number.isNaN(n) ? formatNumber(n) : value;
  }
  return JSON.stringify(value);
}

/** The audit entries (who, when, from where, what, old → new); never editable. */
export function AuditTable({ entries, loading, showNode = true }: { entries: AuditEntry[]; loading?: boolean; showNode?: boolean }) {
  const { t, lang } = useI18n();
  const label = (map: Record<string, [string, string]>, key: string | null | undefined) =>
    key ? (map[key]?.[lang === 'en' ? 1 : 0] ?? key) : '—';
  // Statuses in words (draft → Đang đánh giá); anything else as the value itself.
  const show = (field: string | null | undefined, value: unknown) => {
    if (field === 'status' && typeof value === 'string' && value) {
      const text = t(`status_${value}` as MessageKey);
      return text.startsWith('status_') ? value : text;
    }
    return auditValue(value);
  };
  const columns: ColumnsType<AuditEntry> = [
    { title: t('auditAt'), dataIndex: 'at', width: 140, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    {
      title: t('auditWho'),
      dataIndex: 'username',
      width: 150,
      render: (u: string, e) => (
        <span>
          {u}
          {e.address && <div className="muted small">{e.address}</div>}
        </span>
      ),
    },
    { title: t('auditAction'), dataIndex: 'action', width: 160, render: (a: string) => label(ACTIONS, a) },
    ...(showNode ? [{ title: t('auditNode'), dataIndex: 'node', width: 90, render: (v: string | null) => v ?? '—' }] : []),
    { title: t('auditField'), dataIndex: 'field', width: 130, render: (v: string | null) => label(FIELDS, v) },
    {
      title: t('auditChange'),
      key: 'change',
      render: (_: unknown, e) => (
        <span className="audit-change">
          <span className="audit-old">{show(e.field, e.old)}</span> → <b>{show(e.field, e.new)}</b>
        </span>
      ),
    },
  ];
  return (
    <Table<AuditEntry>
      data-testid="audit-table"
      size="small"
      rowKey={(e) => String(e.id)}
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={entries.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('noHistory') }}
      scroll={{ x: 700 }}
    />
  );
}
