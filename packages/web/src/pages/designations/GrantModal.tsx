import { type DesignationGrantInput, shanghaiDay } from '@keping/core';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { formErrorsOf } from '../awards/formErrors';
import { designationApi } from './designationApi';
import { useDesignationLabels } from './useDesignationLabels';

type GrantForm = Pick<DesignationGrantInput, 'title' | 'tier' | 'grantedOn'> & { decisionRef?: string; source?: string };
const FIELDS = ['title', 'tier', 'grantedOn', 'decisionRef', 'source'] as const;

/** Grants (or renews) a designation on a day, by a decision or from a named source. */
export function GrantModal({ uscc, open, onClose, onSaved }: { uscc: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  const [form] = Form.useForm<GrantForm>();
  const title = Form.useWatch('title', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ grantedOn: shanghaiDay(new Date()) });
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await designationApi.grant({
        uscc, title: v.title, tier: v.tier, grantedOn: v.grantedOn,
        ...(v.decisionRef?.trim() ? { decisionRef: v.decisionRef.trim() } : {}), ...(v.source?.trim() ? { source: v.source.trim() } : {}),
      });
      onSaved();
    } catch (e) {
      form.setFields(formErrorsOf(e, FIELDS));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('designations.grantTitle')}
      okText={t('designations.save')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'designation-grant-save' }}
      destroyOnHidden
    >
      <Form<GrantForm> form={form} layout="vertical">
        <Form.Item name="title" label={t('fields.designation')} rules={[{ required: true, message: t('designations.required') }]}>
          <Select data-testid="grant-title" options={l.titleOptions()} onChange={() => form.setFieldValue('tier', undefined)} />
        </Form.Item>
        <Form.Item name="tier" label={t('fields.tier')} rules={[{ required: true, message: t('designations.required') }]}>
          <Select data-testid="grant-tier" options={l.tierOptions(title)} disabled={!title} />
        </Form.Item>
        <Form.Item name="grantedOn" label={t('fields.grantedOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('designations.dayFormat') }]}>
          <Input type="date" data-testid="grant-day" />
        </Form.Item>
        <Form.Item name="decisionRef" label={t('fields.decisionRef')} extra={t('designations.decisionOrSource')}>
          <Input maxLength={200} data-testid="grant-decision" />
        </Form.Item>
        <Form.Item name="source" label={t('fields.source')}>
          <Input maxLength={500} data-testid="grant-source" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="grant-error" />}
      </Form>
    </Modal>
  );
}
