import { Suspense } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useSession, useUnitHomeYear } from '../auth';
import { roleName, useI18n } from '../i18n';
import { LanguageSwitch, Logo } from './Brand';
import { NotificationBell } from '../pages/plans/NotificationBell';
import { mayReadOverdue } from '../pages/plans/planLogic';

export function AppLayout() {
  const { t } = useI18n();
  const { data: session } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session?.user;
  const latest = useUnitHomeYear(user?.unit || undefined);

  // The plans submenu: this year's plan of the caller's unit, "my tasks", the overdue list.
  const planItems = [
    ...(user?.unit
      ? [
          {
            key: `/units/${user.unit}/plans`,
            label: <Link to={`/units/${user.unit}/plans/${latest.year + 1}`} data-testid="menu-plan">{t('planMenu', { year: latest.year + 1 })}</Link>,
          },
          { key: '/tasks', label: <Link to="/tasks" data-testid="menu-tasks">{t('myTasks')}</Link> },
        ]
      : []),
    ...(mayReadOverdue(user?.role) ? [{ key: '/plans/overdue', label: <Link to="/plans/overdue" data-testid="menu-overdue">{t('overdueTasks')}</Link> }] : []),
  ];
  const items = [
    { key: '/', label: <Link to="/">{t('home')}</Link> },
    ...(user?.unit ? [{ key: `/units/${user.unit}`, label: <Link to={`/units/${user.unit}/${latest.year}`}>{t('dashboard')}</Link> }] : []),
    ...(planItems.length > 0 ? [{ key: 'plans', label: <span data-testid="menu-plans">{t('plans')}</span>, children: planItems }] : []),
    {
      key: 'dossiers',
      label: <span data-testid="menu-dossiers">{t('dossiersMenu')}</span>,
      children: [
        { key: '/dossiers', label: <Link to="/dossiers" data-testid="menu-dossier-dashboard">{t('dossierDashboardMenu')}</Link> },
        { key: '/dossiers/province', label: <Link to="/dossiers/province" data-testid="menu-dossier-heatmap">{t('dossierHeatmapMenu')}</Link> },
        { key: '/dossiers/rules', label: <Link to="/dossiers/rules" data-testid="menu-dossier-rules">{t('dossierRulesMenu')}</Link> },
        ...(user?.role === 'administrator' || user?.role === 'admin' || user?.role === 'coordinator'
          ? [{ key: '/dossiers/import', label: <Link to="/dossiers/import" data-testid="menu-dossier-import">{t('dossierImportMenu')}</Link> }]
          : []),
      ],
    },
    {
      key: 'kpis',
      label: <span data-testid="menu-kpis">{t('kpiMenu')}</span>,
      children: [
        ...(user?.unit || user?.role === 'appraiser' || user?.role === 'admin' || user?.role === 'administrator'
          ? [{ key: '/kpis', label: <Link to="/kpis" data-testid="menu-kpi-unit">{t('kpiUnitMenu')}</Link> }]
          : []),
        ...(user?.role === 'appraiser' || user?.role === 'admin' || user?.role === 'administrator'
          ? [{ key: '/kpis/overview', label: <Link to="/kpis/overview" data-testid="menu-kpi-overview">{t('kpiOverviewMenu')}</Link> }]
          : []),
        { key: '/kpis/catalogue', label: <Link to="/kpis/catalogue" data-testid="menu-kpi-catalogue">{t('kpiCatalogueMenu')}</Link> },
      ],
    },
    { key: '/groups', label: <Link to="/groups">{t('rankings')}</Link> },
    { key: '/frameworks', label: <Link to="/frameworks">{t('frameworks')}</Link> },
    ...(user?.role === 'administrator' || user?.role === 'admin'
      ? [{ key: '/admin', label: <Link to="/admin" data-testid="menu-admin">{t('admin')}</Link> }]
      : []),
  ];
  const selected = items
    .flatMap((i) => ('children' in i && i.children ? i.children.map((c) => c.key) : [i.key]))
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
    .slice(-1);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="app-header-logo">
          <Logo />
        </Link>
        <Menu className="app-menu" mode="horizontal" theme="dark" selectedKeys={selected} items={items} />
        <Space className="app-header-right" size="small">
          <LanguageSwitch />
          {user && <NotificationBell />}
          {user && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', label: `${user.display_name} (${user.username})`, disabled: true },
                  { key: 'password', label: t('changePassword'), onClick: () => navigate('/password') },
                  {
                    key: 'logout',
                    label: t('logout'),
                    onClick: () => logout.mutate(undefined, { onSettled: () => navigate('/login') }),
                  },
                ],
              }}
            >
              <Button type="text" className="user-button" data-testid="user-menu">
                <Avatar size="small" className="user-avatar">
                  {user.display_name?.[0] ?? user.username[0]}
                </Avatar>
                <span className="user-text">
                  <span className="user-name">{user.display_name || user.username}</span>
                  <span className="user-role" data-testid="user-role">
                    {roleName(t, user.role)}
                  </span>
                </span>
              </Button>
            </Dropdown>
          )}
          {user && (
            <Button
              size="small"
              className="logout-button"
              data-testid="logout"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
            >
              {t('logout')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense
          fallback={
            <div className="center-spin">
              <Spin size="large" />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">
          ParIndex · {t('appTagline')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
