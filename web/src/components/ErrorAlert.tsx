import { Alert } from 'antd';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** Shows the server's Vietnamese message and the details (file, line, field, value, reason). */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  const details = apiError?.details ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-alert"
      message={message}
      description={
        details.length > 0 || apiError?.requestId ? (
          <div>
            {details.length > 0 && (
              <ul className="error-details">
                {details.map((d, i) => (
                  <li key={i}>
                    {[
                      d.file && `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}`,
                      d.path,
                      d.field && `${d.field}${d.value !== undefined && d.value !== '' ? ` = “${d.value}”` : ''}`,
                      d.reason,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </li>
                ))}
              </ul>
            )}
            {apiError?.requestId && (
              <small>
                {t('requestId')}: {apiError.requestId}
              </small>
            )}
          </div>
        ) : undefined
      }
    />
  );
}
