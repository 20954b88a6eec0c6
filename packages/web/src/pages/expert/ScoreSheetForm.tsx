import { type Rubric, type RubricCriterion, type ScoreInput, scoreReview } from '@keping/core';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { scoringApi } from '../../scoringApi';
import type { Sheet } from '../../scoringTypes';
import { useBilingual } from '../programs/model';
import { showFieldErrors } from '../rounds/scoring/model';

interface Props {
  assignmentId: number;
  rubric: RubricCriterion[];
  sheet: Sheet;
  /** The round is open: the sheet may still change (until submitted). */
  open: boolean;
  onSaved: (sheet: Sheet) => void;
}

interface Values {
  scores: Record<string, number | null | undefined>;
  comments: Record<string, string | undefined>;
  comment?: string;
}

/** The weighted score core computes for these values, or null while a criterion is empty or invalid. */
function preview(rubric: RubricCriterion[], scores: Values['scores'] | undefined): number | null {
  const r: Rubric = {
    id: 'sheet', version: 1, label: 'sheet',
    criteria: rubric.map((c) => ({ id: c.key, label: c.key, weight: c.weight, scale: { ...c.scale } })),
  };
  const clean = Object.fromEntries(Object.entries(scores ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const result = scoreReview(r, { entry: 'e', expert: 'x', scores: clean });
  return result.ok ? result.score.score : null;
}

/** What goes to the server: empty scores and comments left out. */
function inputOf(v: Values): ScoreInput {
  return {
    scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number')),
    comments: Object.fromEntries(Object.entries(v.comments ?? {}).filter((e): e is [string, string] => !!e[1]?.trim())),
    comment: v.comment ?? '',
  };
}

/** 评分表: a score per criterion on its scale with a comment, an overall comment; saved as a draft, then submitted once. */
export function ScoreSheetForm({ assignmentId, rubric, sheet, open, onSaved }: Props) {
  const { t } = useTranslation();
  const local = useBilingual();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scores = Form.useWatch('scores', form);
  const weighted = useMemo(() => preview(rubric, scores), [rubric, scores]);
  const locked = sheet.status === 'submitted' || !open;

  useEffect(() => {
    form.setFieldsValue({ scores: sheet.scores, comments: sheet.comments, comment: sheet.comment });
  }, [sheet, form]);

  const save = async (submit: boolean) => {
    setError(null);
    if (submit) await form.validateFields();
    setBusy(submit ? 'submit' : 'draft');
    try {
      const input = inputOf(form.getFieldsValue(true) as Values);
      const saved = submit ? await scoringApi.submitSheet(assignmentId, input) : await scoringApi.saveSheet(assignmentId, input);
      message.success(submit ? t('expertPortal.submitted') : t('expertPortal.draftSaved'));
      onSaved(saved);
    } catch (e) {
      showFieldErrors(form, e);
      setError(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('expertPortal.sheet')}
      data-testid="score-sheet"
      extra={
        <Space>
          <Tag color={sheet.status === 'submitted' ? 'green' : sheet.status === 'draft' ? 'gold' : 'default'} data-testid="sheet-status">
            {t(`scoringRound.sheet.${sheet.status}`)}
          </Tag>
          {sheet.submittedAt && <Typography.Text type="secondary">{labels.dateTime(sheet.submittedAt)}</Typography.Text>}
        </Space>
      }
    >
      <Form form={form} layout="vertical" disabled={locked}>
        {rubric.map((c) => (
          <Space key={c.key} align="start" wrap style={{ width: '100%' }} data-testid={`criterion-${c.key}`}>
            <Form.Item
              name={['scores', c.key]}
              label={t('expertPortal.criterion', { name: local(c.name), weight: c.weight, min: c.scale.min, max: c.scale.max, step: c.scale.step })}
              rules={[{ required: true, message: t('expertPortal.scoreRequired') }]}
              style={{ minWidth: 280 }}
            >
              <InputNumber min={c.scale.min} max={c.scale.max} step={c.scale.step} style={{ width: 140 }} data-testid={`score-${c.key}`} />
            </Form.Item>
            <Form.Item name={['comments', c.key]} label={t('expertPortal.criterionComment')} style={{ minWidth: 420 }}>
              <Input.TextArea rows={1} autoSize maxLength={5000} data-testid={`comment-${c.key}`} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name="comment" label={t('expertPortal.overallComment')}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="comment-overall" />
        </Form.Item>
      </Form>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong data-testid="weighted-score">
          {weighted === null ? t('expertPortal.weightedPending') : t('expertPortal.weighted', { score: Math.round(weighted * 100) / 100 })}
        </Typography.Text>
        {error && <Alert type="error" showIcon message={error} data-testid="sheet-error" />}
        {!locked && (
          <Space wrap>
            <Button loading={busy === 'draft'} onClick={() => void save(false)} data-testid="sheet-save">{t('expertPortal.saveDraft')}</Button>
            <Popconfirm title={t('expertPortal.submitConfirm')} description={t('expertPortal.submitConfirmText')}
              onConfirm={() => void save(true).catch(() => undefined)} okButtonProps={{ 'data-testid': 'sheet-submit-ok' }}>
              <Button type="primary" loading={busy === 'submit'} data-testid="sheet-submit">{t('expertPortal.submit')}</Button>
            </Popconfirm>
          </Space>
        )}
        {sheet.status === 'submitted' && <Typography.Text type="secondary">{t('expertPortal.lockedNote')}</Typography.Text>}
      </Space>
    </Card>
  );
}
