import { ROLES, type Role } from '@keping/core';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import type { User } from '../../types';

interface Props {
  user: User | null;
  onClose: () => void;
  onGranted: (user: User) => void;
}

interface Values {
  role: Role;
  organisationUscc?: string;
}

/** Grants a role: how an account created by single sign-on gets its first one; an applicant names its organisation. */
export function GrantRoleModal({ user, onClose, onGranted }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const uscc = values.role === 'applicant' ? values.organisationUscc?.trim().toUpperCase() : undefined;
      onGranted(await api.grantRole(user.id, values.role, uscc));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('sso.grantRoleTitle', { name: user.displayName || user.username }) : ''}
      okText={t('sso.grantRole')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'grant-role-submit' }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="grant-role-error" />}
      <Form<Values> form={form} layout="vertical" preserve={false}
        initialValues={{ role: user && user.role !== 'none' ? user.role : 'staff', organisationUscc: user?.organisationUscc ?? undefined }}>
        <Form.Item name="role" label={t('fields.role')} rules={[{ required: true, message: t('errors.REQUIRED', { field: t('fields.role') }) }]}>
          <Select data-testid="grant-role-select" options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
        {role === 'applicant' && (
          <Form.Item name="organisationUscc" label={t('fields.organisationUscc')} extra={t('users.organisationHint')}
            rules={[{ required: true, message: t('errors.REQUIRED', { field: t('fields.organisationUscc') }) }]}>
            <Input placeholder="91310000XXXXXXXXXX" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
