import { PUBLICATION_REASON_MIN, type ObjectionResolutionInput } from '@keping/core';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { publicationApi } from '../../publicationApi';
import type { Entry, Objection } from '../../publicationTypes';
import { formErrorsOf } from '../awards/formErrors';
import { useBilingual } from '../programs/model';
import { entryLabel } from './model';

const longEnough = (min: number) => (_: unknown, v: string | undefined) =>
  [...(v ?? '').trim()].length >= min ? Promise.resolve() : Promise.reject(new Error());

interface InvestigateProps {
  objection: Objection | null;
  onClose: () => void;
  onSaved: () => void;
}

/** Marks an objection as under investigation, with a note of what is being checked. */
export function InvestigateModal({ objection, onClose, onSaved }: InvestigateProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!objection) return;
    setError(null);
    form.setFieldsValue({ note: objection.investigationNote ?? '' });
  }, [objection, form]);

  const submit = async () => {
    if (!objection) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await publicationApi.investigate(objection.id, { note: v.note.trim() });
      onSaved();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={objection !== null} title={t('objections.investigateTitle', { id: objection?.id ?? '' })}
      okText={t('objections.investigate')} cancelText={t('ui.cancel')} confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'investigate-save' }} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('objections.investigationNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="investigate-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="investigate-error" />}
      </Form>
    </Modal>
  );
}

interface ResolveValues {
  outcome: ObjectionResolutionInput['outcome'];
  reason: string;
  action: 'remove' | 'change_outcome';
  entryId?: number;
  outcomeZh?: string;
  outcomeEn?: string;
}

export function resolutionOf(v: ResolveValues): ObjectionResolutionInput {
  const reason = v.reason.trim();
  if (v.outcome === 'dismissed') return { outcome: 'dismissed', reason };
  const entry = v.entryId !== undefined ? { entryId: v.entryId } : {};
  const decision = v.action === 'remove'
    ? { action: 'remove' as const, ...entry }
    : { action: 'change_outcome' as const, ...entry, outcome: { zh: v.outcomeZh?.trim() ?? '', en: v.outcomeEn?.trim() ?? '' } };
  return { outcome: 'upheld', reason, decision };
}

interface ResolveProps {
  objection: Objection | null;
  entries: Entry[];
  onClose: () => void;
  onResolved: () => void;
}

/** Upholds or dismisses an objection with a reason; upholding removes the entry or changes its outcome. */
export function ResolveModal({ objection, entries, onClose, onResolved }: ResolveProps) {
  const { t } = useTranslation();
  const local = useBilingual();
  const [form] = Form.useForm<ResolveValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const action = Form.useWatch('action', form);
  const entryId = Form.useWatch('entryId', form);
  const listed = entries.filter((e) => e.status === 'listed');
  const target = listed.find((e) => e.id === entryId);

  useEffect(() => {
    if (!objection) return;
    setError(null);
    form.resetFields();
    const own = entries.find((e) => e.id === objection.entryId && e.status === 'listed');
    form.setFieldsValue({ outcome: 'upheld', action: 'remove', reason: '', ...(own ? { entryId: own.id } : {}) });
  }, [objection, entries, form]);

  const submit = async () => {
    if (!objection) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await publicationApi.resolve(objection.id, resolutionOf(v));
      onResolved();
    } catch (e) {
      form.setFields(formErrorsOf<keyof ResolveValues>(e, ['reason', 'entryId'], { 'decision.entryId': 'entryId', decision: 'entryId' }));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const min = PUBLICATION_REASON_MIN;
  const upheld = outcome === 'upheld';
  return (
    <Modal open={objection !== null} title={t('objections.resolveTitle', { id: objection?.id ?? '' })}
      okText={t('objections.resolve')} cancelText={t('ui.cancel')} confirmLoading={busy} width={640}
      onOk={() => void submit().catch(() => undefined)} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'resolve-save' }} destroyOnHidden>
      {objection && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>{objection.grounds}</Typography.Paragraph>}
      <Form<ResolveValues> form={form} layout="vertical">
        <Form.Item name="outcome" label={t('fields.outcome')}>
          <Radio.Group data-testid="resolve-outcome"
            options={(['upheld', 'dismissed'] as const).map((o) => ({
              value: o, label: <span data-testid={`resolve-outcome-${o}`}>{t(`publication.objection.status.${o}`)}</span>,
            }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('objections.reason')} extra={t('objections.reasonHint', { min })}
          rules={[{ validator: longEnough(min), message: t('objections.reasonHint', { min }) }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="resolve-reason" />
        </Form.Item>
        {upheld && (
          <>
            <Form.Item name="action" label={t('objections.change')}>
              <Radio.Group data-testid="resolve-action"
                options={(['remove', 'change_outcome'] as const).map((a) => ({
                  value: a, label: <span data-testid={`resolve-action-${a}`}>{t(`objections.action.${a}`)}</span>,
                }))} />
            </Form.Item>
            <Form.Item name="entryId" label={t('objections.entry')} rules={[{ required: true, message: t('objections.entryRequired') }]}>
              <Select data-testid="resolve-entry"
                options={listed.map((e) => ({ value: e.id, label: `${e.position}. ${entryLabel(e)} — ${local(e.outcome)}` }))} />
            </Form.Item>
            {action === 'change_outcome' && (
              <>
                <Form.Item name="outcomeZh" label={t('objections.newOutcomeZh')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={200} data-testid="resolve-outcome-zh" />
                </Form.Item>
                <Form.Item name="outcomeEn" label={t('objections.newOutcomeEn')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={200} data-testid="resolve-outcome-en" />
                </Form.Item>
              </>
            )}
            {target && (
              <Alert type="warning" showIcon data-testid="resolve-preview" style={{ marginBottom: 8 }}
                message={action === 'remove'
                  ? t('publicationPage.decision.removed', { entry: entryLabel(target) })
                  : t('objections.willChange', { entry: entryLabel(target), from: local(target.outcome) })} />
            )}
          </>
        )}
        {!upheld && <Alert type="info" showIcon message={t('objections.dismissNoChange')} style={{ marginBottom: 8 }} />}
        {error && <Alert type="error" showIcon message={error} data-testid="resolve-error" />}
      </Form>
    </Modal>
  );
}
