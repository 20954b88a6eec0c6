import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { AssignmentView } from '../../../scoringTypes';
import { showFieldErrors, useExpertOptions } from './model';

/** A hand change: add an expert to an entry, replace an assignment's expert, or remove it; each with a reason. */
export type Change =
  | { kind: 'add'; entries: { value: number; label: string }[] }
  | { kind: 'replace'; assignment: AssignmentView }
  | { kind: 'remove'; assignment: AssignmentView };

interface Values {
  applicationId?: number;
  expertId?: number;
  reason: string;
}

interface Props {
  roundId: number;
  change: Change | null;
  onClose: () => void;
  onDone: (text: string) => void;
}

export function ChangeAssignmentModal({ roundId, change, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const experts = useExpertOptions();

  useEffect(() => {
    if (!change) return;
    form.resetFields();
    setError(null);
  }, [change, form]);

  const submit = async () => {
    if (!change) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (change.kind === 'add') {
        await scoringApi.addAssignment(roundId, { applicationId: v.applicationId ?? 0, expertId: v.expertId ?? 0, reason: v.reason });
      } else if (change.kind === 'replace') {
        await scoringApi.replaceAssignment(change.assignment.id, v.expertId ?? 0, v.reason);
      } else {
        await scoringApi.removeAssignment(change.assignment.id, v.reason);
      }
      onDone(t(`scoringRound.change.done.${change.kind}`));
    } catch (e) {
      showFieldErrors(form, e);
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const target = change && change.kind !== 'add' ? change.assignment : null;
  return (
    <Modal
      open={change !== null}
      title={change ? t(`scoringRound.change.title.${change.kind}`) : ''}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'change-save', danger: change?.kind === 'remove' }}
      destroyOnHidden
    >
      {target && (
        <Alert type="info" style={{ marginBottom: 12 }}
          message={t('scoringRound.change.target', { entry: target.title, expert: target.expertName })} />
      )}
      <Form form={form} layout="vertical">
        {change?.kind === 'add' && (
          <Form.Item name="applicationId" label={t('scoringRound.entry')} rules={[{ required: true, message: t('scoringRound.change.entryRequired') }]}>
            <Select showSearch optionFilterProp="label" options={change.entries} data-testid="change-entry" />
          </Form.Item>
        )}
        {change && change.kind !== 'remove' && (
          <Form.Item name="expertId" label={t('scoringRound.expert')} rules={[{ required: true, message: t('scoringRound.change.expertRequired') }]}>
            <Select showSearch filterOption={false} onSearch={experts.search} loading={experts.loading} options={experts.options}
              data-testid="change-expert" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('scoringRound.reason')}
          rules={[{ required: true, min: 4, whitespace: true, message: t('scoringRound.reasonRequired', { min: 4 }) }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="change-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="change-error" />}
    </Modal>
  );
}
