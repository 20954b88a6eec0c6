import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '../../types';
import { useDesignationLabels } from './useDesignationLabels';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A designation write in an organisation's history, in words: the title, the step recorded (day,
 * kind, tier change, grade, reason, decision) and the state after it; an import as its counts.
 */
export function DesignationAuditSummary({ action, after }: { action: string; after: JsonObject }) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  if (action === 'designation.import') {
    return (
      <Typography.Text>
        {t('designations.importSummary', { fileName: text(after.fileName) ?? '', rows: Number(after.rows ?? 0), created: Number(after.created ?? 0), updated: Number(after.updated ?? 0) })}
      </Typography.Text>
    );
  }
  const title = text(after.title) ?? '';
  const step = isObject(after.step) ? after.step : null;
  const stepTier = step ? text(step.tier) : null;
  const fromTier = step ? text(step.fromTier) : null;
  return (
    <Space direction="vertical" size={0} data-testid="designation-audit">
      <Space wrap>
        <Typography.Text strong>{l.title(title)}</Typography.Text>
        {step && <Typography.Text>{text(step.day)} {l.kind(text(step.kind) ?? '')}</Typography.Text>}
        {stepTier && <Tag>{fromTier && fromTier !== stepTier ? t('designations.tierChange', { from: l.tier(title, fromTier), to: l.tier(title, stepTier) }) : l.tier(title, stepTier)}</Tag>}
        {step && text(step.grade) && <Tag>{l.grade(text(step.grade) ?? '')}</Tag>}
        {text(after.status) && <Typography.Text type="secondary">{t('designations.statusAfter', { status: l.status(text(after.status) ?? '') })}</Typography.Text>}
      </Space>
      {step && text(step.reason) && <Typography.Text type="secondary">{t('designations.reason', { reason: text(step.reason) })}</Typography.Text>}
      {step && text(step.decisionRef) && <Typography.Text type="secondary">{t('designations.decision', { decision: l.decision(text(step.decisionRef) ?? '') })}</Typography.Text>}
      {step && text(step.source) && <Typography.Text type="secondary">{t('designations.source', { source: text(step.source) })}</Typography.Text>}
    </Space>
  );
}
