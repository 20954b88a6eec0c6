import { AWARD_KINDS, type AwardKind, type AwardTypeInput } from '@keping/core';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { publicationApi } from '../../publicationApi';
import { formErrorsOf } from './formErrors';

interface Values {
  key: string;
  kind: AwardKind;
  nameZh: string;
  nameEn: string;
  quota: number;
}

interface Props {
  programId: number;
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}

/** A new award type (奖项) of the program: key, kind, name in both languages, quota. */
export function AwardTypeModal({ programId, open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    const input: AwardTypeInput = { key: v.key.trim(), kind: v.kind, name: { zh: v.nameZh.trim(), en: v.nameEn.trim() }, quota: v.quota };
    setBusy(true);
    setError(null);
    try {
      await publicationApi.createAwardType(programId, input);
      form.resetFields();
      onCreated();
    } catch (e) {
      form.setFields(formErrorsOf<keyof Values>(e, ['key', 'kind', 'quota']));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('awards.newType')}
      okText={t('awards.createType')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'award-type-save' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'unit_award', quota: 1 }}>
        <Form.Item name="key" label={t('awards.key')} extra={t('awards.keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('awards.keyHint') }]}>
          <Input maxLength={40} data-testid="award-type-key" />
        </Form.Item>
        <Form.Item name="kind" label={t('awards.kind')} rules={[{ required: true }]}>
          <Select data-testid="award-type-kind"
            options={AWARD_KINDS.map((k) => ({ value: k, label: <span data-testid={`award-kind-${k}`}>{t(`publication.awardKind.${k}`)}</span> }))} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('awards.nameZh')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="award-type-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('awards.nameEn')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="award-type-name-en" />
        </Form.Item>
        <Form.Item name="quota" label={t('awards.quota')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1_000_000} precision={0} data-testid="award-type-quota" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="award-type-error" />}
      </Form>
    </Modal>
  );
}
