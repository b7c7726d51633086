import { useMemo } from 'react';
import { Card, Descriptions, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { DemoBanner } from '../components/DemoBanner';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { FrameworkNode } from '../types';

export interface TreeNode extends FrameworkNode {
  children?: TreeNode[];
}

/** Builds the tree from the flat node list (each node names its parent), keeping the list's order. */
export function buildTree(nodes: FrameworkNode[]): TreeNode[] {
  const byCode = new Map<string, TreeNode>();
  nodes.forEach((n) => byCode.set(n.code, { ...n }));
  const roots: TreeNode[] = [];
  nodes.forEach((n) => {
    const node = byCode.get(n.code)!;
    const parent = n.parent ? byCode.get(n.parent) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  });
  return roots;
}

export function FrameworkListPage() {
  const { t } = useI18n();
  const frameworks = useQuery({ queryKey: ['frameworks'], queryFn: api.frameworks, retry: false });
  return (
    <div className="page">
      <Typography.Title level={3} className="page-title">
        {t('frameworks')}
      </Typography.Title>
      {frameworks.isLoading && <Skeleton active />}
      <ErrorAlert error={frameworks.error} />
      {frameworks.data && (
        <Card size="small">
          <List
            dataSource={frameworks.data}
            renderItem={(f) => (
              <List.Item>
                <List.Item.Meta title={<Link to={`/frameworks/${f.code}`}>{f.title}</Link>} description={<Tag>{f.code}</Tag>} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}

export function FrameworkPage() {
  const { code } = useParams();
  const { t } = useI18n();
  const framework = useQuery({ queryKey: ['framework', code], queryFn: () => api.framework(code!), enabled: Boolean(code), retry: false });
  const tree = useMemo(() => buildTree(framework.data?.nodes ?? []), [framework.data]);
  const data = framework.data;
  const methodName = (m: string) => {
    const key = `method_${m}` as MessageKey;
    const text = t(key);
    return text === key ? m : text;
  };
  const columns: ColumnsType<TreeNode> = [
    { title: t('code'), dataIndex: 'code', width: 150, render: (c: string) => <b>{c}</b> },
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, n) => (
        <span>
          {title} {n.max_only && <Tag>{t('maxOnly')}</Tag>}
        </span>
      ),
    },
    { title: t('max'), dataIndex: 'max', align: 'right', width: 80, render: (m: number | null) => formatNumber(m) },
    { title: t('method'), dataIndex: 'method', width: 120, responsive: ['sm'], render: methodName },
    {
      title: t('evidenceRequired'),
      dataIndex: 'evidence_required',
      width: 110,
      align: 'center',
      responsive: ['md'],
      render: (v: boolean) => (v ? t('yes') : t('no')),
    },
    { title: t('responsible'), dataIndex: 'responsible', responsive: ['md'] },
  ];
  return (
    <div className="page">
      <Typography.Title level={3} className="page-title" data-testid="framework-title">
        {data?.title ?? code}
      </Typography.Title>
      <DemoBanner show={Boolean(data?.bands.some((b) => b.demo))} />
      {framework.isLoading && <Skeleton active />}
      <ErrorAlert error={framework.error} />
      {data && (
        <>
          <Card size="small" className="section">
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label={t('code')}>{data.code}</Descriptions.Item>
              <Descriptions.Item label={t('year')}>{data.version}</Descriptions.Item>
              <Descriptions.Item label={t('max')}>{formatNumber(data.max)}</Descriptions.Item>
              <Descriptions.Item label={t('decision')} span={3}>
                {data.decision}
              </Descriptions.Item>
              <Descriptions.Item label={t('bands')} span={3}>
                <Space wrap size={4}>
                  {data.bands.map((b) => (
                    <Tag key={b.code}>
                      {b.name} ({t('fromIndex', { n: formatNumber(b.min_index) })}){b.demo ? ` ${t('bandDemo')}` : ''}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" className="section">
            <Table
              data-testid="framework-tree"
              size="small"
              rowKey="code"
              columns={columns}
              dataSource={tree}
              pagination={false}
              tableLayout="auto"
              expandable={{ defaultExpandAllRows: true }}
            />
          </Card>
        </>
      )}
    </div>
  );
}
