// The audit history of a whole assessment: /units/:code/:year/history.
import { Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { DEFAULT_YEAR } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';

export function HistoryPage() {
  const { code, year: yearParam } = useParams();
  const unit = code ?? '';
  const year = Number(yearParam) || DEFAULT_YEAR;
  const { t } = useI18n();
  const audit = useQuery({
    queryKey: ['audit', unit, year, 'all'],
    queryFn: () => api.audit(unit, { year, limit: 1000 }),
    enabled: Boolean(unit),
    retry: false,
  });
  const assessment = useQuery({ queryKey: ['assessment', unit, year], queryFn: () => api.assessment(unit, year), retry: false });
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={3} className="page-title" data-testid="history-title">
          {t('auditTitle', { unit: assessment.data?.unit_name ?? unit, year })}
        </Typography.Title>
        <Space>
          <Link to={`/units/${unit}/${year}/assessment`}>{t('backToAssessment')}</Link>
        </Space>
      </div>
      <ErrorAlert error={audit.error} />
      <Card size="small">
        <AuditTable entries={audit.data ?? []} loading={audit.isLoading} />
      </Card>
    </div>
  );
}
