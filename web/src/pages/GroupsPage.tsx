import { Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { DEFAULT_YEAR, useSession } from '../auth';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';

/** The peer groups: an appraiser's own groups first (or only), each linking to its ranking. */
export function GroupsList({ onlyMine }: { onlyMine: boolean }) {
  const { t } = useI18n();
  const { data: session } = useSession();
  const groups = useQuery({ queryKey: ['groups', DEFAULT_YEAR], queryFn: () => api.groups(DEFAULT_YEAR), retry: false });
  const mine = new Set(session?.user.groups ?? []);
  const list = (groups.data ?? []).filter((g) => !onlyMine || mine.size === 0 || mine.has(g.code));
  return (
    <>
    <DemoBanner show={false} />
    <Card title={onlyMine ? t('myGroups') : t('allGroups')} size="small" className="section">
      {groups.isLoading && <Skeleton active />}
      <ErrorAlert error={groups.error} />
      {groups.data && (
        <List
          data-testid="groups-list"
          dataSource={list}
          renderItem={(g) => (
            <List.Item
              actions={[
                <Link key="r" to={`/groups/${g.code}/${g.year}`}>
                  {t('viewRanking')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={<Link to={`/groups/${g.code}/${g.year}`}>{g.name}</Link>}
                description={
                  <Space size={4} wrap>
                    <Tag>{g.code}</Tag>
                    <span>
                      {t('year')} {g.year}
                    </span>
                    <span>·</span>
                    <span>
                      {t('members')}: {Array.isArray(g.members) ? g.members.length : g.members}
                    </span>
                    <span>·</span>
                    <Link to={`/frameworks/${g.framework}`}>{g.framework}</Link>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
    </>
  );
}

export function GroupsPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <Typography.Title level={3} className="page-title">
        {t('rankings')}
      </Typography.Title>
      <GroupsList onlyMine={false} />
    </div>
  );
}
