import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import { scoringApi } from '../../../scoringApi';
import type { RoundResults, ScoringOverview } from '../../../scoringTypes';
import { showFieldErrors } from './model';

interface Props {
  overview: ScoringOverview;
  results: RoundResults;
  selected: Set<number>;
  editable: boolean;
  onReset: () => void;
  onChanged: () => void;
  categoryName: (key: string | null) => string;
}

interface Values {
  overrideReason?: string;
  acceptIncompleteReason?: string;
}

/**
 * 确定入围名单: the ticked entries go on. More than a category's quota, or other entries than the
 * ranking proposes, need an override reason; deciding before every sheet is in needs one too.
 */
export function DecisionForm({ overview, results, selected, editable, onReset, onChanged, categoryName }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'decide' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decision = overview.decision;

  const counts = new Map<string, number>();
  for (const e of results.entries) {
    if (selected.has(e.applicationId) && e.category) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  }
  const overQuota = [...counts].filter(([c, n]) => results.quotas[c] !== undefined && n > (results.quotas[c] ?? 0));
  const proposed = new Set(results.proposed);
  const departures = results.entries.filter((e) => selected.has(e.applicationId) !== proposed.has(e.applicationId)).length;
  const needsOverride = overQuota.length > 0 || departures > 0;
  const incomplete = results.outstanding > 0;

  const decide = async () => {
    const v = await form.validateFields();
    setBusy('decide');
    setError(null);
    try {
      const d = await scoringApi.decide(results.roundId, {
        selected: [...selected].sort((a, b) => a - b),
        ...(needsOverride ? { overrideReason: v.overrideReason ?? '' } : {}),
        ...(incomplete ? { acceptIncompleteReason: v.acceptIncompleteReason ?? '' } : {}),
      });
      message.success(t('scoringRound.decision.saved', { n: d.selected.length }));
      onChanged();
    } catch (e) {
      showFieldErrors(form, e);
      setError(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };

  const close = () => {
    setBusy('close');
    scoringApi.close(results.roundId)
      .then((r) => {
        message.success(t('scoringRound.closed', { advanced: r.advanced, stopped: r.stopped }));
        onChanged();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(null));
  };

  const reasonRule = { required: true, min: 4, whitespace: true, message: t('scoringRound.reasonRequired', { min: 4 }) };
  return (
    <Card size="small" title={t('scoringRound.decision.title')} data-testid="decision-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="decision-selection">
          {t('scoringRound.decision.selection', { n: selected.size, proposed: results.proposed.length, departures })}
        </Typography.Text>
        <Space wrap>
          {[...counts].map(([c, n]) => (
            <Tag key={c} color={overQuota.some(([x]) => x === c) ? 'red' : 'blue'}>
              {t('scoringRound.decision.perCategory', { category: categoryName(c), n, quota: results.quotas[c] ?? '∞' })}
            </Tag>
          ))}
        </Space>
        {overQuota.length > 0 && <Alert type="warning" showIcon message={t('scoringRound.decision.overQuota')} data-testid="decision-over-quota" />}
        {incomplete && <Alert type="warning" showIcon message={t('scoringRound.decision.incomplete', { n: results.outstanding })} />}
        {editable && (
          <Form form={form} layout="vertical">
            {needsOverride && (
              <Form.Item name="overrideReason" label={t('fields.overrideReason')} rules={[reasonRule]}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="decision-override-reason" />
              </Form.Item>
            )}
            {incomplete && (
              <Form.Item name="acceptIncompleteReason" label={t('fields.acceptIncompleteReason')} rules={[reasonRule]}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="decision-incomplete-reason" />
              </Form.Item>
            )}
            <Space wrap>
              <Button type="primary" loading={busy === 'decide'} onClick={() => void decide().catch(() => undefined)} data-testid="decision-save">
                {t('scoringRound.decision.save')}
              </Button>
              <Button onClick={onReset} data-testid="decision-reset">{t('scoringRound.decision.reset')}</Button>
            </Space>
          </Form>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="decision-error" />}
        {decision && (
          <Descriptions size="small" bordered column={1} data-testid="decision-current">
            <Descriptions.Item label={t('scoringRound.decision.decidedAt')}>{labels.dateTime(decision.decidedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('scoringRound.decision.selected')}>{decision.selected.map((id) => `#${id}`).join(', ') || '—'}</Descriptions.Item>
            {decision.overrideReason && <Descriptions.Item label={t('fields.overrideReason')}>{decision.overrideReason}</Descriptions.Item>}
            {decision.acceptIncompleteReason && (
              <Descriptions.Item label={t('fields.acceptIncompleteReason')}>{decision.acceptIncompleteReason}</Descriptions.Item>
            )}
          </Descriptions>
        )}
        {editable && (
          <Space wrap>
            <Popconfirm title={t('scoringRound.closeConfirm')} description={t('scoringRound.closeConfirmText')} onConfirm={close}
              okButtonProps={{ 'data-testid': 'scoring-close-ok' }}>
              <Button danger disabled={!decision} loading={busy === 'close'} data-testid="scoring-close">{t('scoringRound.close')}</Button>
            </Popconfirm>
            {!decision && <Typography.Text type="secondary">{t('scoringRound.closeBlocked')}</Typography.Text>}
          </Space>
        )}
      </Space>
    </Card>
  );
}
