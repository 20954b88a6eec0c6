import { ROLES } from '@keping/core';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import type { NewUser, User } from '../../types';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (user: User) => void;
}

/** New account: role select; an applicant is bound to one organisation by its USCC. */
export function CreateUserModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = (field: string) => ({ required: true, message: t('errors.REQUIRED', { field: t(`fields.${field}`) }) });

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const user = await api.createUser({
        ...values,
        username: values.username.trim(),
        ...(values.role === 'applicant' ? { organisationUscc: values.organisationUscc?.trim().toUpperCase() } : {}),
      });
      form.resetFields();
      onCreated(user);
    } catch (e) {
      const problems = e instanceof ApiError ? (e.errors.length ? e.errors : e.field ? [e] : []) : [];
      const placed = problems.filter((p) => p.field && p.field in values);
      form.setFields(placed.map((p) => ({ name: p.field as keyof NewUser, errors: [p.message] })));
      if (placed.length < problems.length || problems.length === 0) setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.new')}
      okText={t('users.create')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-create-submit' }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="user-error" />}
      <Form<NewUser> form={form} layout="vertical" initialValues={{ role: 'staff' }} preserve={false}>
        <Form.Item name="username" label={t('fields.username')} rules={[required('username')]}>
          <Input data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('fields.displayName')} rules={[required('displayName')]}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t('fields.role')} rules={[required('role')]}>
          <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
        {role === 'applicant' && (
          <Form.Item name="organisationUscc" label={t('fields.organisationUscc')} rules={[required('organisationUscc')]}
            extra={t('users.organisationHint')}>
            <Input data-testid="user-organisation" placeholder="91310000XXXXXXXXXX" />
          </Form.Item>
        )}
        <Form.Item name="email" label={t('users.email')}>
          <Input data-testid="user-email" type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[required('password')]} extra={t('users.passwordHint')}>
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
