import { PUBLICATION_REASON_MIN, type NominationDecisionInput } from '@keping/core';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { describeError } from '../../components/describeError';
import { publicationApi } from '../../publicationApi';
import type { AwardType, Nomination } from '../../publicationTypes';
import { useBilingual } from '../programs/model';
import { formErrorsOf } from './formErrors';

type Outcome = NominationDecisionInput['outcome'];

interface Values {
  outcome: Outcome;
  reason?: string;
  overrideNote?: string;
}

interface Props {
  type: AwardType | null;
  nomination: Nomination | null;
  onClose: () => void;
  onDecided: () => void;
}

const longEnough = (min: number) => (_: unknown, v: string | undefined) =>
  [...(v ?? '').trim()].length >= min ? Promise.resolve() : Promise.reject(new Error());

/** Grants or declines a nomination: a decline needs a reason, granting beyond the quota an override note. */
export function DecideNominationModal({ type, nomination, onClose, onDecided }: Props) {
  const { t } = useTranslation();
  const local = useBilingual();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [quotaFull, setQuotaFull] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const overQuota = outcome === 'granted' && (quotaFull || (type !== null && type.granted >= type.quota));

  useEffect(() => {
    if (!nomination) return;
    setError(null);
    setQuotaFull(false);
    form.resetFields();
    form.setFieldsValue({ outcome: 'granted' });
  }, [nomination, form]);

  const submit = async () => {
    if (!nomination) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await publicationApi.decideNomination(nomination.id, {
        outcome: v.outcome, reason: v.reason?.trim() ?? '',
        ...(v.outcome === 'granted' && overQuota ? { overrideNote: v.overrideNote?.trim() ?? '' } : {}),
      });
      onDecided();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AWARD_QUOTA_FULL') setQuotaFull(true);
      form.setFields(formErrorsOf<keyof Values>(e, ['reason', 'overrideNote']));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const min = PUBLICATION_REASON_MIN;
  return (
    <Modal
      open={nomination !== null}
      title={t('awards.decideTitle', { name: nomination?.nominee.name ?? '', award: local(type?.name) })}
      okText={t('awards.saveDecision')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'nomination-decision-save' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        {type && (
          <Alert type={type.granted >= type.quota ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }}
            message={t('awards.quotaUsed', { granted: type.granted, quota: type.quota })} data-testid="nomination-quota" />
        )}
        <Form.Item name="outcome" label={t('fields.outcome')}>
          <Radio.Group data-testid="nomination-outcome"
            options={(['granted', 'declined'] as const).map((o) => ({ value: o, label: <span data-testid={`nomination-outcome-${o}`}>{t(`awards.status.${o}`)}</span> }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('awards.reason')}
          extra={outcome === 'declined' ? t('awards.reasonRequired', { min }) : t('awards.reasonOptional')}
          rules={outcome === 'declined' ? [{ validator: longEnough(min), message: t('awards.reasonRequired', { min }) }] : []}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="nomination-reason" />
        </Form.Item>
        {overQuota && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('awards.overQuota')} data-testid="nomination-over-quota" />
            <Form.Item name="overrideNote" label={t('fields.overrideNote')}
              rules={[{ validator: longEnough(min), message: t('awards.overrideRequired', { min }) }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="nomination-override-note" />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="nomination-decision-error" />}
      </Form>
    </Modal>
  );
}
