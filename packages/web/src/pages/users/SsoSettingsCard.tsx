import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import type { SsoSettings, SsoSettingsInput } from '../../types';

const CLAIMS = ['email', 'preferred_username', 'sub'] as const;

/**
 * The single-sign-on setting (admin): issuer, client, the claim accounts are matched on. The secret
 * is write-only: the server says whether one is stored, and an empty field keeps it.
 */
export function SsoSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SsoSettingsInput>();
  const [current, setCurrent] = useState<SsoSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const callback = `${window.location.origin}/api/auth/oidc/callback`;

  useEffect(() => {
    api.ssoSettings()
      .then((s) => { setCurrent(s); form.setFieldsValue({ ...s, clientSecret: '' }); })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [form, t]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const secret = values.clientSecret?.trim();
      const saved = await api.saveSsoSettings({ ...values, ...(secret ? { clientSecret: secret } : { clientSecret: undefined }) });
      setCurrent(saved);
      form.setFieldsValue({ ...saved, clientSecret: '' });
      message.success(t('sso.saved'));
    } catch (e) {
      const problems = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [e] : []) : [];
      form.setFields(problems.filter((p) => p.field).map((p) => ({ name: p.field as keyof SsoSettingsInput, errors: [p.message] })));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (key: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(key) }) });
  return (
    <Card title={<span data-testid="sso-title">{t('sso.settingsTitle')}</span>} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        {t('sso.settingsIntro')} <Typography.Text code copyable data-testid="sso-callback">{callback}</Typography.Text>
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="sso-error" />}
      <Form<SsoSettingsInput> form={form} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ matchClaim: 'email', enabled: false }}>
        <Form.Item name="issuer" label={t('sso.issuer')} rules={[required('sso.issuer')]}>
          <Input data-testid="sso-issuer" placeholder="https://id.example.gov.cn" inputMode="url" />
        </Form.Item>
        <Form.Item name="clientId" label={t('sso.clientId')} rules={[required('sso.clientId')]}>
          <Input data-testid="sso-client-id" autoComplete="off" />
        </Form.Item>
        <Form.Item name="clientSecret" label={t('sso.clientSecret')} extra={current?.clientSecretSet ? t('sso.clientSecretSet') : undefined}
          rules={current?.clientSecretSet ? [] : [required('sso.clientSecret')]}>
          <Input.Password data-testid="sso-client-secret" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="matchClaim" label={t('sso.matchClaim')}>
          <Select data-testid="sso-match-claim" options={CLAIMS.map((c) => ({ value: c, label: t(`sso.claim.${c}`) }))} />
        </Form.Item>
        <Form.Item name="displayName" label={t('sso.displayName')} rules={[required('sso.displayName')]}>
          <Input data-testid="sso-display-name" />
        </Form.Item>
        <Form.Item name="enabled" label={t('sso.enabled')} valuePropName="checked">
          <Switch data-testid="sso-enabled" />
        </Form.Item>
        <Popconfirm title={t('sso.saveConfirm')} okText={t('ui.yes')} cancelText={t('ui.no')} onConfirm={() => void save().catch(() => undefined)}>
          <Button type="primary" loading={busy} data-testid="sso-save">{t('sso.save')}</Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}
