import { Alert } from 'antd';
import { useI18n } from '../i18n';
import { useSession } from '../auth';

/**
 * The visible "Dữ liệu mẫu" banner shown whenever the data on screen involves the demo, or on every
 * page when the server says that the data folder is the demo (session.demo).
 */
export function DemoBanner({ show }: { show: boolean }) {
  const { t } = useI18n();
  const { data: session } = useSession();
  if (!show && !session?.demo) return null;
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
