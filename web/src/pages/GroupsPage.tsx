import { Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAllGroups, useSession } from '../auth';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';

/** The peer groups: an appraiser's own groups first (or only), each linking to its ranking. */
export function GroupsList({ onlyMine }: { onlyMine: boolean }) {
  const { t } = useI18n();
  const { data: session } = useSession();
  const groups = useAllGroups();
  const mine = new Set(session?.user.groups ?? []);
  // Latest year first, then by name in Vietnamese order.
  const list = (groups.data ?? [])
    .filter((g) => !onlyMine || mine.size === 0 || mine.has(g.code))
    .sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'vi'));
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
          rowKey={(g) => `${g.code}-${g.year}`}
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
