import { Alert, Button, Card, Form, Input, Layout, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { describeError } from '../../components/describeError';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSession } from '../../session';

interface Credentials {
  username: string;
  password: string;
}

/** Username and password; the server's reasons (wrong password, locked, throttled) shown as sent. */
export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
        <Card style={{ width: 380 }} data-testid="login-page">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error && (
            <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
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
        </Card>
      </Space>
    </Layout>
  );
}
