import { Button, Card, Form, Input, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { sessionKey, useSession } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';

export function PasswordPage() {
  const { t } = useI18n();
  const { data: session } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation({
    mutationFn: (v: { old_password: string; new_password: string }) => api.changePassword(v.old_password, v.new_password),
    onSuccess: () => {
      message.success(t('passwordChanged'));
      void client.invalidateQueries({ queryKey: sessionKey });
      navigate('/');
    },
  });
  return (
    <Card title={t('changePassword')} className="narrow-card">
      {session?.must_change_password && <p>{t('mustChangePassword')}</p>}
      <Form layout="vertical" onFinish={(v) => change.mutate(v)}>
        <Form.Item label={t('oldPassword')} name="old_password" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t('newPassword')} name="new_password" rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('confirmPassword')}
          name="confirm"
          dependencies={['new_password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('new_password') === value ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ErrorAlert error={change.error} />
        <Button type="primary" htmlType="submit" loading={change.isPending} style={{ marginTop: 12 }}>
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
