import { Navigate } from 'react-router-dom';
import { Alert, Spin, Typography } from 'antd';
import { useUnitHomeYear, useSession } from '../auth';
import { useI18n } from '../i18n';
import { GroupsList } from './GroupsPage';

/** Appraisers and administrators start from their groups; everyone in a unit from its dashboard. */
export function HomePage() {
  const { t } = useI18n();
  const { data: session } = useSession();
  const user = session?.user;
  // A unit opens on the latest year in which it has results (not a year it is still scoring).
  const latest = useUnitHomeYear(user?.unit || undefined);
  if (!user) return null;
  if (user.role === 'appraiser' || user.role === 'admin') {
    return (
      <div className="page">
        <Typography.Title level={3} className="page-title">
          {user.display_name || user.username}
        </Typography.Title>
        <GroupsList onlyMine={user.role === 'appraiser'} />
      </div>
    );
  }
  if (user.unit) {
    if (latest.isLoading) return <Spin className="center-spin" />;
    return <Navigate to={`/units/${user.unit}/${latest.year}`} replace />;
  }
  return (
    <div className="page">
      <Alert type="info" message={t('noUnit')} />
      <GroupsList onlyMine={false} />
    </div>
  );
}
