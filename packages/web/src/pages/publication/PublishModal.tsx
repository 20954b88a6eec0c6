import { addDays, type PublishInput, shanghaiDay } from '@keping/core';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { publicationApi } from '../../publicationApi';
import { formErrorsOf } from '../awards/formErrors';

interface Props {
  publicationId: number | null;
  onClose: () => void;
  onPublished: () => void;
}

/** Publishes the draft list for an announcement period: Shanghai calendar days, both inclusive. */
export function PublishModal({ publicationId, onClose, onPublished }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PublishInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (publicationId === null) return;
    setError(null);
    const today = shanghaiDay(new Date());
    form.setFieldsValue({ startDate: today, endDate: addDays(today, 6) });
  }, [publicationId, form]);

  const submit = async () => {
    if (publicationId === null) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await publicationApi.publish(publicationId, { startDate: v.startDate, endDate: v.endDate });
      onPublished();
    } catch (e) {
      form.setFields(formErrorsOf<keyof PublishInput>(e, ['startDate', 'endDate']));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const date = [{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('publicationPage.dateFormat') }];
  return (
    <Modal
      open={publicationId !== null}
      title={t('publicationPage.publishTitle')}
      okText={t('publicationPage.publish')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'publish-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('publicationPage.publishIntro')}</Typography.Paragraph>
      <Form<PublishInput> form={form} layout="vertical">
        <Form.Item name="startDate" label={t('fields.startDate')} rules={date}>
          <Input type="date" data-testid="publish-start" />
        </Form.Item>
        <Form.Item name="endDate" label={t('fields.endDate')} rules={date}>
          <Input type="date" data-testid="publish-end" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="publish-error" />}
      </Form>
    </Modal>
  );
}
