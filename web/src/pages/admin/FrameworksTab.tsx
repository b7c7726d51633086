// The frameworks tab: every framework, a link to its browser, downloads as .xlsx/.json, and the import.
import { Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { exportUrl } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import type { FrameworkSummary } from '../../types';
import { compareVi } from './adminLogic';
import { useFrameworks } from './shared';

export function FrameworksTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const columns: ColumnsType<FrameworkSummary> = [
    { title: t('code'), dataIndex: 'code', width: 200, sorter: (a, b) => compareVi(a.code, b.code), render: (c: string) => <Tag>{c}</Tag> },
    {
      title: t('title'),
      dataIndex: 'title',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => compareVi(a.title, b.title),
      render: (title: string, f) => <Link to={`/frameworks/${f.code}`}>{title || f.code}</Link>,
    },
    { title: t('version'), dataIndex: 'version', width: 110, render: (v?: string) => v || '—' },
    {
      title: t('actions'),
      key: 'download',
      width: 290,
      render: (_: unknown, f) => (
        <Space size="small" wrap>
          <Button size="small" icon={<DownloadOutlined />} href={exportUrl('framework', 'xlsx', { framework: f.code })} download data-testid={`framework-xlsx-${f.code}`}>
            {t('downloadXlsx')}
          </Button>
          <Button size="small" icon={<DownloadOutlined />} href={exportUrl('framework', 'json', { framework: f.code })} download data-testid={`framework-json-${f.code}`}>
            {t('downloadJson')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="admin-frameworks">
      <Space className="admin-toolbar" wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<UploadOutlined />} data-testid="framework-import" onClick={() => navigate('/admin/import?kind=framework')}>
          {t('importFramework')}
        </Button>
      </Space>
      <ErrorAlert error={frameworks.error} />
      <Table<FrameworkSummary>
        data-testid="frameworks-table"
        size="small"
        rowKey="code"
        loading={frameworks.isLoading}
        columns={columns}
        dataSource={frameworks.data ?? []}
        pagination={false}
        scroll={{ x: 700 }}
      />
    </div>
  );
}
