import { Alert, Button, Card, Divider, Form, Input, Layout, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSession } from '../../session';

interface Credentials {
  username: string;
  password: string;
}

/**
 * Username and password; the server's reasons (wrong password, locked, throttled) shown as sent.
 * When single sign-on is enabled, a button starts it; its failures come back as ?sso_error=CODE.
 */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const ssoError = params.get('sso_error');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<{ enabled: boolean; displayName: string | null } | null>(null);

  useEffect(() => {
    api.ssoInfo().then(setSso).catch(() => setSso(null));
  }, []);

  // Only codes the catalogue knows are shown; anything else reads as a failed sign-on.
  const ssoMessage = ssoError ? t(i18n.exists(`errors.${ssoError}`) ? `errors.${ssoError}` : 'errors.SSO_FAILED') : null;
  const shown = error ?? ssoMessage;

  const onFinish = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0f2b5b 0%, #1f5fbf 100%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Space direction="vertical" align="center" style={{ margin: 'auto', width: '100%' }}>
        <Card style={{ width: 'min(380px, calc(100vw - 32px))' }} data-testid="login-page">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {shown && (
            <Alert type="error" showIcon message={shown} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('fields.username')}
              rules={[{ required: true, message: t('errors.REQUIRED', { field: t('fields.username') }) }]}
            >
              <Input autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('fields.password')}
              rules={[{ required: true, message: t('errors.REQUIRED', { field: t('fields.password') }) }]}
            >
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          {sso?.enabled && (
            <>
              <Divider plain>{t('sso.or')}</Divider>
              {/* A navigation, not a fetch: the provider's login page takes over the window. */}
              <Button block href="/api/auth/oidc/start" data-testid="login-sso">
                {t('sso.loginButton')}
              </Button>
              {sso.displayName && (
                <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8, marginBottom: 0 }}>
                  {sso.displayName}
                </Typography.Paragraph>
              )}
            </>
          )}
        </Card>
      </Space>
    </Layout>
  );
}
