import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n';

export function Logo() {
  return (
    <span className="logo" aria-label="ParIndex">
      <span className="logo-mark">P</span>
      <span className="logo-text">
        Par<b>Index</b>
      </span>
    </span>
  );
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented
      size="small"
      aria-label={t('language')}
      data-testid="language-switch"
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      options={[
        { label: 'VI', value: 'vi' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
