import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { Explained } from '../../../programTypes';
import { EligibilityLines } from '../EligibilityLines';

/** 资格预审: the verdict screening will compute, with each rule's reason, shown before the applicant submits. */
export function EligibilityPanel({ applicationId, version }: { applicationId: number | null; version: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Explained | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [again, setAgain] = useState(0);

  useEffect(() => {
    if (applicationId === null) return;
    let live = true;
    setLoading(true);
    api.previewEligibility(applicationId)
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [applicationId, version, again, t]);

  return (
    <Card size="small" title={t('eligibility.previewTitle')} data-testid="eligibility-panel"
      extra={applicationId !== null && <Button size="small" onClick={() => setAgain((n) => n + 1)} data-testid="eligibility-refresh">{t('eligibility.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('eligibility.previewHint')}</Typography.Paragraph>
      {applicationId === null && <Typography.Text type="secondary">{t('portal.saveFirst')}</Typography.Text>}
      {error && <Alert type="error" showIcon message={error} />}
      {loading && !result && <Spin />}
      {result && <EligibilityLines result={result} testId="eligibility-preview" />}
    </Card>
  );
}
