// /admin/:tab — the administration of users, units, peer groups, frameworks, imports and the audit log.
import { Button, Result, Tabs, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { isAdministrator } from './adminLogic';
import { UsersTab } from './UsersTab';
import { UnitsTab } from './UnitsTab';
import { GroupsTab } from './GroupsTab';
import { FrameworksTab } from './FrameworksTab';
import { ImportTab } from './ImportTab';
import { AuditTab } from './AuditTab';

export const ADMIN_TABS: Array<{ key: string; label: MessageKey }> = [
  { key: 'users', label: 'tabUsers' },
  { key: 'units', label: 'tabUnits' },
  { key: 'groups', label: 'tabGroups' },
  { key: 'frameworks', label: 'tabFrameworks' },
  { key: 'import', label: 'tabImport' },
  { key: 'audit', label: 'tabAudit' },
];

/** The friendly 403 page for everyone but an administrator. */
export function AdminForbidden() {
  const { t } = useI18n();
  return (
    <div data-testid="admin-forbidden">
      <Result
        status="403"
        title={t('adminForbiddenTitle')}
        subTitle={t('adminForbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function AdminPage() {
  const { t } = useI18n();
  const { tab } = useParams();
  const navigate = useNavigate();
  const { data: session } = useSession();
  if (!isAdministrator(session?.user.role)) return <AdminForbidden />;
  const active = ADMIN_TABS.some((x) => x.key === tab) ? tab! : 'users';
  const body = (key: string) => {
    switch (key) {
      case 'users':
        return <UsersTab />;
      case 'units':
        return <UnitsTab />;
      case 'groups':
        return <GroupsTab />;
      case 'frameworks':
        return <FrameworksTab />;
      case 'import':
        return <ImportTab />;
      default:
        return <AuditTab />;
    }
  };
  return (
    <div className="page admin-page">
      <Typography.Title level={3} className="page-title">
        {t('admin')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) => navigate(`/admin/${key}`)}
        items={ADMIN_TABS.map((x) => ({
          key: x.key,
          label: <span data-testid={`admin-tab-${x.key}`}>{t(x.label)}</span>,
          children: x.key === active ? body(x.key) : null,
        }))}
      />
    </div>
  );
}
