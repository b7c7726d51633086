import { Grid, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatNumber, formatPoints } from '../format';
import { useI18n } from '../i18n';
import type { LostPoint } from '../types';

/** The seed's "Bảng các tiêu chí bị trừ điểm": TT, criterion, points/max, lost, cause, responsible. */
export function LostPointsTable({ rows }: { rows: LostPoint[] }) {
  const { t } = useI18n();
  // On a phone the cause and responsible columns fold into the criterion cell.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const columns: ColumnsType<LostPoint & { tt: number }> = [
    { title: t('tt'), dataIndex: 'tt', width: narrow ? 32 : 48, align: 'center' },
    {
      title: t('criterion'),
      key: 'criterion',
      render: (_, row) => (
        <span>
          <Typography.Text strong>{row.code}</Typography.Text> {row.title}
          {narrow && (
            <span className="lost-points-more">
              <span>
                <b>{t('appraisedPoints')}:</b> {formatPoints(row.points, row.max)}
              </span>
              {row.cause && (
                <span>
                  <b>{t('cause')}:</b> {row.cause}
                </span>
              )}
              {row.responsible && (
                <span>
                  <b>{t('responsible')}:</b> {row.responsible}
                </span>
              )}
            </span>
          )}
        </span>
      ),
    },
    {
      title: t('appraisedPoints'),
      key: 'points',
      width: 110,
      align: 'right',
      responsive: ['md'],
      render: (_, row) => <span className="num">{formatPoints(row.points, row.max)}</span>,
    },
    {
      title: t('lost'),
      dataIndex: 'lost',
      width: 80,
      align: 'right',
      render: (lost: number) => <span className="num lost">-{formatNumber(lost)}</span>,
    },
    { title: t('cause'), dataIndex: 'cause', responsive: ['md'] },
    { title: t('responsible'), dataIndex: 'responsible', responsive: ['md'] },
  ];
  return (
    <Table
      className="lost-points-table"
      data-testid="lost-points-table"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows.map((row, i) => ({ ...row, tt: i + 1 }))}
      pagination={false}
      tableLayout="auto"
    />
  );
}
