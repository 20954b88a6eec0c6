import { type Designation, DESIGNATION_EVENT_KINDS, type DesignationEventInput, type DesignationEventKind, EVALUATION_GRADES, shanghaiDay } from '@keping/core';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { formErrorsOf } from '../awards/formErrors';
import { designationApi } from './designationApi';
import { useDesignationLabels } from './useDesignationLabels';

interface StepForm {
  kind: DesignationEventKind;
  day: string;
  tier?: string;
  grade?: string;
  reason?: string;
  decisionRef?: string;
}
const FIELDS = ['kind', 'day', 'tier', 'grade', 'reason', 'decisionRef'] as const;
/** Steps the office records here (a renewal is a grant, from the grant dialog). */
const KINDS = DESIGNATION_EVENT_KINDS.filter((k) => k !== 'granted');
const NEEDS_REASON: readonly DesignationEventKind[] = ['suspended', 'revoked'];

/** The step as the API takes it: only the fields its kind has, blanks left out. */
function toInput(v: StepForm): DesignationEventInput {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const extra = { ...(text(v.reason) ? { reason: text(v.reason) } : {}), ...(text(v.decisionRef) ? { decisionRef: text(v.decisionRef) } : {}) };
  switch (v.kind) {
    case 'tier_changed': return { kind: v.kind, day: v.day, tier: v.tier ?? '', ...extra };
    case 'evaluated': return { kind: v.kind, day: v.day, grade: (v.grade ?? 'pass') as (typeof EVALUATION_GRADES)[number], ...extra };
    case 'suspended': return { kind: v.kind, day: v.day, reason: text(v.reason) ?? '', ...extra };
    case 'revoked': return { kind: v.kind, day: v.day, reason: text(v.reason) ?? '', decisionRef: text(v.decisionRef) ?? '' };
    case 'reinstated': return { kind: v.kind, day: v.day, ...extra };
    case 'expired': return { kind: v.kind, day: v.day, ...(text(v.reason) ? { reason: text(v.reason) } : {}) };
    case 'granted': return { kind: v.kind, day: v.day, tier: v.tier ?? '', ...extra };
  }
}

/** Records one dated step of a designation: evaluation, tier change, suspension, reinstatement, revocation, expiry. */
export function EventModal({ designation, onClose, onSaved }: { designation: Designation | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  const [form] = Form.useForm<StepForm>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!designation) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ kind: 'evaluated', day: shanghaiDay(new Date()) });
  }, [designation, form]);

  const submit = async () => {
    if (!designation) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await designationApi.addEvent(designation.id, toInput(v));
      onSaved();
    } catch (e) {
      form.setFields(formErrorsOf(e, FIELDS));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('designations.required') }];
  return (
    <Modal
      open={designation !== null}
      title={designation ? t('designations.stepTitle', { title: l.title(designation.title) }) : ''}
      okText={t('designations.save')}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'designation-step-save' }}
      destroyOnHidden
    >
      <Form<StepForm> form={form} layout="vertical">
        <Form.Item name="kind" label={t('designations.stepKind')} rules={required}>
          <Select data-testid="step-kind" options={KINDS.map((k) => ({ value: k, label: l.kind(k) }))} />
        </Form.Item>
        <Form.Item name="day" label={t('fields.day')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('designations.dayFormat') }]}>
          <Input type="date" data-testid="step-day" />
        </Form.Item>
        {kind === 'tier_changed' && designation && (
          <Form.Item name="tier" label={t('fields.tier')} rules={required}>
            <Select data-testid="step-tier" options={l.tierOptions(designation.title)} />
          </Form.Item>
        )}
        {kind === 'evaluated' && (
          <Form.Item name="grade" label={t('fields.grade')} rules={required}>
            <Select data-testid="step-grade" options={EVALUATION_GRADES.map((g) => ({ value: g, label: l.grade(g) }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('fields.reason')} rules={kind && NEEDS_REASON.includes(kind) ? required : []}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="step-reason" />
        </Form.Item>
        {kind !== 'expired' && (
          <Form.Item name="decisionRef" label={t('fields.decisionRef')} rules={kind === 'revoked' ? required : []}>
            <Input maxLength={200} data-testid="step-decision" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="step-error" />}
      </Form>
    </Modal>
  );
}
