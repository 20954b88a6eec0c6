import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import type { AuditVerification } from '../../types';

/** GET /api/audit/verify: is every entry's hash intact and chained to the one before? */
export function VerifyChain() {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = () => {
    setBusy(true);
    setError(null);
    api
      .verifyAudit()
      .then(setResult)
      .catch((e: unknown) => setError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  const reason = (r: string) => (i18n.exists(`cli.auditReason.${r}`) ? t(`cli.auditReason.${r}`) : r);

  let outcome = null;
  if (error) outcome = <Alert type="error" showIcon message={error} />;
  else if (result?.ok) {
    outcome = (
      <Alert type="success" showIcon message={t('auditLog.verifyOk', { entries: result.count, hash: result.lastHash.slice(0, 16) })} />
    );
  } else if (result) {
    outcome = (
      <Alert type="error" showIcon message={t('errors.AUDIT_BROKEN', { id: result.brokenAt, reason: reason(result.reason) })} />
    );
  }

  return (
    <Space>
      <span data-testid="audit-verify-result">{outcome}</span>
      <Button onClick={verify} loading={busy} data-testid="audit-verify">
        {t('auditLog.verify')}
      </Button>
    </Space>
  );
}
