import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../types';
import { formatDateTime, parseScore } from '../workflow';
import { formatNumber } from '../format';

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
  const { t } = useI18n();
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
    { title: t('auditAction'), dataIndex: 'action', width: 150 },
    ...(showNode ? [{ title: t('auditNode'), dataIndex: 'node', width: 90, render: (v: string | null) => v ?? '—' }] : []),
    { title: t('auditField'), dataIndex: 'field', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('auditChange'),
      key: 'change',
      render: (_: unknown, e) => (
        <span className="audit-change">
          <span className="audit-old">{auditValue(e.old)}</span> → <b>{auditValue(e.new)}</b>
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
      scroll={{ x: 760 }}
    />
  );
}
