import { SCREENING_OUTCOMES, SCREENING_REASONS, type ScreeningOutcome, type ScreeningReason, type Verdict } from '@keping/core';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { ScreeningItem } from '../../../programTypes';

interface Values {
  outcome: ScreeningOutcome;
  reasonCode: ScreeningReason;
  note: string;
}

/** The outcome the rules alone give, or null when they cannot decide (as the server counts overrides). */
export function automaticOutcome(verdict: Verdict | null): ScreeningOutcome | null {
  if (verdict === 'eligible') return 'advance';
  if (verdict === 'ineligible') return 'reject';
  return null;
}

/** Reasons that fit an outcome: "meets the rules" only for advance, "does not" only for reject. */
const fits = (reason: ScreeningReason, outcome: ScreeningOutcome) =>
  !((reason === 'rule_passed' && outcome !== 'advance') || (reason === 'rule_failed' && outcome !== 'reject'));

interface Props {
  roundId: number;
  item: ScreeningItem | null;
  onClose: () => void;
  onDecided: () => void;
}

/** Confirm or override one application's verdict: outcome, reason code, and a note when departing from the rules. */
export function DecisionModal({ roundId, item, onClose, onDecided }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const auto = automaticOutcome(item?.eligibility.verdict ?? null);
  const override = outcome !== undefined && outcome !== auto;

  useEffect(() => {
    if (!item) return;
    setError(null);
    const o = item.decision?.outcome ?? auto ?? 'advance';
    form.setFieldsValue({
      outcome: o,
      reasonCode: item.decision?.reasonCode ?? (o === 'advance' ? 'rule_passed' : 'rule_failed'),
      note: item.decision?.note ?? '',
    });
  }, [item, auto, form]);

  const submit = async () => {
    if (!item) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.decideScreening(roundId, { applicationId: item.applicationId, outcome: v.outcome, reasonCode: v.reasonCode, note: v.note ?? '' });
      onDecided();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        form.setFields(e.errors.filter((x) => x.field === 'note' || x.field === 'reasonCode')
          .map((x) => ({ name: x.field as 'note' | 'reasonCode', errors: [x.message] })));
      }
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={t('screening.decideTitle', { title: item?.title ?? '' })}
      okText={t('screening.saveDecision')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'decision-save' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item name="outcome" label={t('fields.outcome')}>
          <Radio.Group
            data-testid="decision-outcome"
            onChange={(e) => {
              const o = e.target.value as ScreeningOutcome;
              if (!fits(form.getFieldValue('reasonCode') as ScreeningReason, o)) form.setFieldValue('reasonCode', o === 'advance' ? 'rule_passed' : 'rule_failed');
            }}
            options={SCREENING_OUTCOMES.map((o) => ({ value: o, label: <span data-testid={`decision-outcome-${o}`}>{t(`programs.screening.outcome.${o}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item name="reasonCode" label={t('fields.reasonCode')} rules={[{ required: true }]}>
          <Select data-testid="decision-reason"
            options={SCREENING_REASONS.filter((r) => !outcome || fits(r, outcome))
              .map((r) => ({ value: r, label: <span data-testid={`decision-reason-${r}`}>{t(`programs.screening.reason.${r}`)}</span> }))} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('fields.note')}
          extra={override ? t('screening.noteRequired') : t('screening.noteOptional')}
          dependencies={['outcome']}
          // Read the outcome when validating, not from the last render: a save right after a change of outcome
          // must still ask for the note.
          rules={[({ getFieldValue }) => ({
            validator: (_rule, value?: string) => (getFieldValue('outcome') !== auto && !value?.trim()
              ? Promise.reject(new Error(t('screening.noteRequired'))) : Promise.resolve()),
          })]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="decision-note" />
        </Form.Item>
        {override && <Alert type="warning" showIcon message={t('screening.overrideWarning')} style={{ marginBottom: 8 }} />}
        {error && <Alert type="error" showIcon message={error} data-testid="decision-error" />}
      </Form>
    </Modal>
  );
}
