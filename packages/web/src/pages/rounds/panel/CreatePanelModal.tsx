import { Alert, Form, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import { showFieldErrors, useExpertOptions } from '../scoring/model';

interface Values {
  category: string;
  chairExpertId: number;
  memberExpertIds?: number[];
}

interface Props {
  roundId: number;
  open: boolean;
  categories: { value: string; label: string }[];
  onClose: () => void;
  onCreated: () => void;
}

/** One panel per category: a chair (院士领衔) and members from the expert pool. */
export function CreatePanelModal({ roundId, open, categories, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const experts = useExpertOptions();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await scoringApi.createPanel(roundId, { category: v.category, chairExpertId: v.chairExpertId, memberExpertIds: v.memberExpertIds ?? [] });
      onCreated();
    } catch (e) {
      showFieldErrors(form, e);
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const expertSelect = (testId: string, multiple: boolean) => (
    <Select mode={multiple ? 'multiple' : undefined} showSearch filterOption={false} onSearch={experts.search} loading={experts.loading}
      options={experts.options} data-testid={testId} />
  );
  return (
    <Modal open={open} title={t('panelRound.create')} onCancel={onClose} onOk={() => void submit().catch(() => undefined)}
      confirmLoading={busy} okButtonProps={{ 'data-testid': 'panel-create-ok' }} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="category" label={t('fields.category')} rules={[{ required: true, message: t('panelRound.categoryRequired') }]}>
          <Select options={categories} data-testid="panel-category" />
        </Form.Item>
        <Form.Item name="chairExpertId" label={t('panelRound.chair')} extra={t('panelRound.chairHint')}
          rules={[{ required: true, message: t('panelRound.chairRequired') }]}>
          {expertSelect('panel-chair', false)}
        </Form.Item>
        <Form.Item name="memberExpertIds" label={t('panelRound.members')}>{expertSelect('panel-members', true)}</Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="panel-create-error" />}
    </Modal>
  );
}
