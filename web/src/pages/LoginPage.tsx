import { Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useLogin, useSession } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch, Logo } from '../components/Brand';
import { useI18n } from '../i18n';

export function LoginPage() {
  const { t } = useI18n();
  const { data: session } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) return <Navigate to={session.must_change_password ? '/password' : from} replace />;

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card" bordered={false}>
        <div className="login-brand">
          <Logo />
          <Typography.Text type="secondary">{t('appTagline')} · PAR INDEX</Typography.Text>
        </div>
        <Typography.Title level={4} className="login-title">
          {t('loginTitle')}
        </Typography.Title>
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(values: { username: string; password: string }) =>
            login.mutate(values, {
              onSuccess: (s) => navigate(s.must_change_password ? '/password' : from, { replace: true }),
            })
          }
        >
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, message: t('usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus size="large" id="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password autoComplete="current-password" size="large" id="password" />
          </Form.Item>
          {login.error && (
            <div className="login-error">
              <ErrorAlert error={login.error} />
            </div>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
