import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../../api';
import { describeError } from '../../../../components/describeError';
import type { Candidate } from '../../../../indexTypes';

const MIN_REASON = 4;

interface Props {
  cycleId: number;
  /** The candidate to exclude, or to re-include when it is excluded already. */
  candidate: Candidate | null;
  onClose: () => void;
  onDone: (candidate: Candidate, excluded: boolean) => void;
}

/** Excluding needs a reason (recorded in the audit trail); re-including takes an optional note. */
export function ExclusionModal({ cycleId, candidate, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const excluding = !candidate?.excluded;

  const submit = async () => {
    if (!candidate) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.setExclusion(cycleId, candidate.uscc, excluding, (reason ?? '').trim());
      form.resetFields();
      onDone(candidate, excluding);
    } catch (e) {
      if (e instanceof ApiError && e.field === 'reason') form.setFields([{ name: 'reason', errors: [e.message] }]);
      else setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={candidate !== null}
      title={excluding ? t('ranking.excludeTitle') : t('ranking.includeTitle')}
      okText={excluding ? t('ranking.exclude') : t('ranking.include')}
      okButtonProps={{ danger: excluding, 'data-testid': 'exclusion-submit' }}
      cancelText={t('ui.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {candidate && (
        <Typography.Paragraph>
          <Typography.Text strong>{candidate.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">{candidate.uscc}</Typography.Text>
          {candidate.rank !== null && <> · {t('ranking.currentRank', { rank: candidate.rank })}</>}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{excluding ? t('ranking.excludeHint') : t('ranking.includeHint')}</Typography.Paragraph>
      {candidate?.excluded && candidate.exclusionReason && (
        <Typography.Paragraph>{t('ranking.excludedBecause', { reason: candidate.exclusionReason })}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          rules={excluding ? [
            { required: true, whitespace: true, message: t('errors.REQUIRED', { field: t('fields.reason') }) },
            { min: MIN_REASON, message: t('errors.REASON_REQUIRED', { min: MIN_REASON }) },
          ] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="exclusion-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
