import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../types';
import { DesignationAuditSummary } from '../pages/designations/DesignationAuditSummary';
import { ChangeDiff } from './ChangeDiff';

/** What one audit entry changed: an import as its summary, anything else as a before/after diff. */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const after = entry.after ?? {};
  if (entry.action === 'organisation.import' && entry.before === null && 'rows' in after) {
    return (
      <Typography.Text data-testid={`import-summary-${entry.id}`}>
        {t('history.importSummary', {
          fileName: String(after.fileName ?? ''),
          rows: Number(after.rows ?? 0),
          created: Number(after.created ?? 0),
          updated: Number(after.updated ?? 0),
        })}
      </Typography.Text>
    );
  }
  if (entry.action.startsWith('designation.') && entry.after) return <DesignationAuditSummary action={entry.action} after={entry.after} />;
  return <ChangeDiff before={entry.before} after={entry.after} />;
}
