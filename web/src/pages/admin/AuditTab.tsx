// The system-wide audit log, newest first, paged with "Xem thêm" (before = the oldest id shown).
import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { auditValue } from '../../components/AuditTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import type { AdminAuditEntry } from '../../types';
import { formatDateTime } from '../../workflow';
import { nextBefore } from './adminLogic';
import { auditActionLabel, auditSubject } from './auditLabels';

const PAGE = 50;

export function AuditTab() {
  const { t, lang } = useI18n();
  const audit = useInfiniteQuery({
    queryKey: ['admin', 'audit'],
    queryFn: ({ pageParam }) => api.adminAudit({ limit: PAGE, before: pageParam ?? undefined }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : nextBefore(last)),
    retry: false,
  });
  const entries = (audit.data?.pages ?? []).flat();
  const columns: ColumnsType<AdminAuditEntry> = [
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
    { title: t('auditAction'), dataIndex: 'action', width: 190, render: (a: string) => auditActionLabel(a, lang) },
    { title: t('auditSubject'), key: 'subject', width: 200, render: (_: unknown, e) => auditSubject(e) || '—' },
    { title: t('auditField'), dataIndex: 'field', width: 120, render: (v: string | null) => v || '—' },
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
    <div data-testid="admin-audit">
      <ErrorAlert error={audit.error} />
      <Table<AdminAuditEntry>
        data-testid="admin-audit-table"
        size="small"
        rowKey={(e) => String(e.id)}
        columns={columns}
        dataSource={entries}
        loading={audit.isLoading}
        pagination={false}
        locale={{ emptyText: t('noHistory') }}
        scroll={{ x: 900 }}
      />
      <Space className="admin-more">
        {audit.hasNextPage ? (
          <Button data-testid="audit-more" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('loadMore')}
          </Button>
        ) : (
          entries.length > 0 && <Typography.Text type="secondary">{t('noMore')}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
