import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import { useSession } from '../../session';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password (修改密码); the only page open after an administrator's reset. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user, changePassword } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = (field: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(field) }) });

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(currentPassword, newPassword);
      form.resetFields();
      message.success(t('password.done'));
      navigate('/', { replace: true });
    } catch (e) {
      // The server names the field at fault (currentPassword or newPassword): show it there.
      const problems = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [e] : []) : [];
      const placed = problems.filter((p) => p.field === 'currentPassword' || p.field === 'newPassword');
      form.setFields(placed.map((p) => ({ name: p.field as keyof PasswordForm, errors: [p.message] })));
      if (placed.length < problems.length || problems.length === 0) setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<span data-testid="page-title">{t('password.title')}</span>} style={{ maxWidth: 480 }}>
      {user?.mustChangePassword && (
        <Alert type="warning" showIcon message={t('password.required')} style={{ marginBottom: 16 }} data-testid="password-required" />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required('password.current')]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('users.passwordHint')} rules={[required('password.new')]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required('password.confirm'),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
