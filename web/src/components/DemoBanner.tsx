import { Alert } from 'antd';
import { useI18n } from '../i18n';

/** The visible "Dữ liệu mẫu" banner shown whenever the data on screen involves the demo. */
export function DemoBanner({ show }: { show: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <Alert
      data-testid="demo-banner"
      className="demo-banner"
      type="warning"
      showIcon
      banner
      message={<b>{t('demoBanner')}</b>}
      description={t('demoBannerText')}
    />
  );
}
