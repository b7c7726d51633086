// The suggested score of a data-scored criterion in the self-assessment (issue 5 §4): the points the KPI's actual
// earns under the criterion's rule, the computation in words, and "Dùng điểm gợi ý" that fills the self score.
import { Button, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatNumber } from '../../format';
import { kpiApi } from './kpiApi';
import { useKpiText } from './kpiText';
import type { KpiSuggestion } from './kpiTypes';
import './kpi.css';

/** GET /api/units/{unit}/assessments/{year}/suggestions as a map node → suggestion (empty when none or refused). */
export function useSuggestions(unit: string | undefined, year: number) {
  const query = useQuery({
    queryKey: ['kpi-suggestions', unit, year],
    queryFn: () => kpiApi.suggestions(unit!, year),
    enabled: Boolean(unit) && Number.isFinite(year),
    retry: false,
  });
  const byNode = new Map<string, KpiSuggestion>();
  for (const s of query.data?.suggestions ?? []) byNode.set(s.node, s);
  return byNode;
}

/** The points as a self score is typed: "1,5", "0,93", "2". */
export function suggestedText(points: number): string {
  return formatNumber(points).replace(/\./g, '');
}

export function SuggestedScore({ suggestion, onUse }: { suggestion: KpiSuggestion; onUse?: (text: string) => void }) {
  const { k, lang } = useKpiText();
  const computation = lang === 'en' ? suggestion.computation_en : suggestion.computation;
  return (
    <div className="kpi-suggestion" data-testid={`suggestion-${suggestion.node}`}>
      <Typography.Text type="secondary" className="small">
        {k('suggested')}:{' '}
      </Typography.Text>
      <Typography.Text strong data-testid={`suggestion-points-${suggestion.node}`}>
        {suggestion.points === null ? '—' : formatNumber(suggestion.points)}
      </Typography.Text>
      <div className="small" data-testid={`suggestion-computation-${suggestion.node}`}>
        {computation}
      </div>
      {onUse && suggestion.points !== null && (
        <Tooltip title={computation}>
          <Button
            size="small"
            type="link"
            className="kpi-use-suggestion"
            data-testid={`use-suggestion-${suggestion.node}`}
            onClick={() => onUse(suggestedText(suggestion.points as number))}
          >
            {k('useSuggested')}
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
