// Pieces shared by the administration tabs: the lookups (units, groups, frameworks) and server errors on forms.
import { Alert, Modal, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import type { ErrorDetail } from '../../types';
import { compareVi, formFieldErrors } from './adminLogic';

export function useAdminUnits() {
  return useQuery({
    queryKey: ['admin', 'units'],
    queryFn: async () => (await api.adminUnits()).sort((a, b) => compareVi(a.name, b.name)),
    retry: false,
  });
}

export function useAllGroupYears() {
  return useQuery({ queryKey: ['groups', 'all'], queryFn: () => api.groups(), retry: false, staleTime: 60_000 });
}

export function useFrameworks() {
  return useQuery({ queryKey: ['frameworks'], queryFn: api.frameworks, retry: false });
}

/** Unit select options "Phường La Khê (lakhe)", sorted in Vietnamese order, searchable without diacritics. */
export function unitOptions(units: Array<{ code: string; name: string }> | undefined) {
  return (units ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
}

/**
 * Puts a server error's details on the matching form fields; returns the details no field took (shown
 * above the form) or null when the error was not a 400 with details.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  known: string[],
  listFields: string[] = [],
): ErrorDetail[] | null {
  if (!(error instanceof ApiError) || error.details.length === 0) return null;
  const { fields, other } = formFieldErrors(error.details, known, listFields, error.message);
  form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  return fields.length > 0 ? other : null;
}

/** The error above a form: the server's message (and details no field took). */
export function FormError({ error, fieldsMarked }: { error: unknown; fieldsMarked: boolean }) {
  const { t } = useI18n();
  if (!error) return null;
  if (fieldsMarked && error instanceof ApiError) {
    return <Alert type="error" showIcon role="alert" data-testid="form-error" message={error.message} description={t('formHasErrors')} />;
  }
  return (
    <div data-testid="form-error">
      <ErrorAlert error={error} />
    </div>
  );
}

/** Shows a one-time password once, with a copy button and the warning that it is not shown again. */
export function OneTimePasswordModal({ username, password, onClose }: { username: string; password: string | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={Boolean(password)}
      title={t('oneTimePasswordTitle', { name: username })}
      onCancel={onClose}
      onOk={onClose}
      okText={t('close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      okButtonProps={{ 'data-testid': 'otp-close' } as Record<string, string>}
      maskClosable={false}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={t('oneTimePasswordWarning')} />
        <Typography.Paragraph
          className="one-time-password"
          copyable={{ text: password ?? '', tooltips: [t('copy'), t('copied')] }}
          style={{ fontSize: 20, fontFamily: 'monospace', margin: '8px 0' }}
        >
          <span data-testid="one-time-password">{password}</span>
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}
