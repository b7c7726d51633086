import { Tag, Tooltip } from 'antd';
import { rankBadgeText } from '../format';
import { useI18n } from '../i18n';
import type { Rank } from '../types';

/** "16/17 ↓2": the rank in a group with its change against the previous year (red down, green up). */
export function RankBadge({ rank, showGroup = true }: { rank: Rank; showGroup?: boolean }) {
  const { t } = useI18n();
  const color = rank.change === null || rank.change === undefined ? 'blue' : rank.change > 0 ? 'green' : rank.change < 0 ? 'red' : 'default';
  const text = rankBadgeText(rank);
  const tip =
    `${rank.group_name}` +
    (rank.previous_rank !== null && rank.previous_rank !== undefined ? ` · ${t('rankChange')}: ${rank.previous_rank} → ${rank.rank}` : '') +
    (rank.excluded ? ` · ${t('excluded')}` : '');
  return (
    <Tooltip title={tip}>
      <span className="rank-badge" data-testid="rank-badge">
        {showGroup && <span className="rank-badge-group">{rank.group_name}</span>}
        <Tag color={color} className="rank-badge-tag">
          {text}
        </Tag>
      </span>
    </Tooltip>
  );
}
