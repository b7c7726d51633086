// The bell in the header: the caller's reminders (GET /api/me/notifications, polled every 60 s), the unread count as a
// badge, a list in a popover; opening one marks it read and goes to its plan.
import { useState } from 'react';
import { Badge, Button, List, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import type { AppNotification } from '../../types';
import { formatDateTimeVi, isoToVi } from './planLogic';
import './plans.css';

export const NOTIFICATION_POLL_MS = 60_000;

const KIND_COLORS: Record<AppNotification['kind'], string> = { due_soon: 'orange', overdue: 'red', escalation: 'volcano' };

/** Unread first, then newest first. */
export function sortNotifications(list: AppNotification[]): AppNotification[] {
  return [...list].sort((a, b) => Number(a.read) - Number(b.read) || b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

export function NotificationBell() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const notifications = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.notifications(false),
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
  const markRead = useMutation({
    mutationFn: async (ids: number[]) => {
      for (const id of ids) await api.markNotificationRead(id);
    },
    onMutate: (ids) => {
      client.setQueryData<AppNotification[]>(['notifications'], (list) => list?.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)));
    },
    onSettled: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  // A server without the plans API (404) shows no bell.
  if (notifications.error instanceof ApiError && notifications.error.status === 404) return null;
  const list = sortNotifications(notifications.data ?? []);
  const unread = list.filter((n) => !n.read);

  const content = (
    <div className="notification-list" data-testid="notification-list">
      <List
        size="small"
        dataSource={list.slice(0, 30)}
        locale={{ emptyText: t('noNotifications') }}
        renderItem={(n) => (
          <List.Item
            className={n.read ? 'notification-read' : 'notification-unread'}
            data-testid={`notification-${n.id}`}
            onClick={() => {
              if (!n.read) markRead.mutate([n.id]);
              setOpen(false);
              navigate(`/units/${n.unit}/plans/${n.year}?tab=tasks`);
            }}
            style={{ cursor: 'pointer' }}
          >
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Tag color={KIND_COLORS[n.kind]}>{t(`notificationKind_${n.kind}` as MessageKey)}</Tag>
                <Typography.Text type="secondary" className="small">
                  {formatDateTimeVi(n.created_at)} · {t('due')} {isoToVi(n.due)}
                </Typography.Text>
              </Space>
              <Typography.Text strong={!n.read} data-testid="notification-message">
                {lang === 'en' && n.message_en ? n.message_en : n.message}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {unread.length > 0 && (
        <Button type="link" size="small" onClick={() => markRead.mutate(unread.map((n) => n.id))} data-testid="notifications-read-all">
          {t('markAllRead')}
        </Button>
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={`${t('notifications')}${unread.length ? ` (${unread.length} ${t('unread')})` : ''}`}
      content={content}
    >
      <Button type="text" className="bell-button" aria-label={t('notifications')} data-testid="notification-bell">
        <Badge count={unread.length} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
