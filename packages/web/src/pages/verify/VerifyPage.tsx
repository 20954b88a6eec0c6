import { Alert, Card, Descriptions, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { publicationApi } from '../../publicationApi';
import type { Verification } from '../../publicationTypes';
import { PublicFrame } from '../../components/PublicFrame';
import { usePublic } from '../../components/usePublic';

/** /verify/:serial?h=<hash>: where a certificate's QR code leads; genuine or not, said plainly. */
export function VerifyPage() {
  const { serial = '' } = useParams();
  const [search] = useSearchParams();
  const hash = search.get('h') ?? '';
  const { t } = useTranslation();
  const { data, error } = usePublic<Verification>(`${serial}\n${hash}`, (key) => {
    const [s = '', h = ''] = key.split('\n');
    return publicationApi.verifyCertificate(s, h);
  });

  let body;
  if (error) body = <Alert type="error" showIcon message={error} data-testid="verify-error" />;
  else if (!data) body = <Spin style={{ display: 'block', margin: 48 }} />;
  else if (data.valid) {
    body = (
      <Result status="success" title={<span data-testid="verify-valid">{t('verify.valid')}</span>} subTitle={data.message}>
        <Descriptions bordered size="small" column={1} data-testid="verify-details">
          <Descriptions.Item label={t('verify.holder')}><span data-testid="verify-holder">{data.holder}</span></Descriptions.Item>
          <Descriptions.Item label={t('verify.title')}><span data-testid="verify-title">{data.title}</span></Descriptions.Item>
          <Descriptions.Item label={t('verify.program')}><span data-testid="verify-program">{data.program}</span></Descriptions.Item>
          <Descriptions.Item label={t('verify.date')}><span data-testid="verify-date">{data.date}</span></Descriptions.Item>
          <Descriptions.Item label={t('certificates.serial')}><Typography.Text code>{data.serial}</Typography.Text></Descriptions.Item>
        </Descriptions>
      </Result>
    );
  } else {
    body = (
      <Result status="error" title={<span data-testid="verify-invalid">{t('verify.invalid')}</span>}
        subTitle={<span data-testid="verify-reason">{data.message}</span>}>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t(data.reason === 'unknown' ? 'verify.unknownHint' : 'verify.mismatchHint', { serial: data.serial })}
        </Typography.Paragraph>
      </Result>
    );
  }
  return (
    <PublicFrame section="notices">
      <Card title={<span data-testid="page-title">{t('verify.heading')}</span>} style={{ maxWidth: 820, margin: '0 auto' }}>{body}</Card>
    </PublicFrame>
  );
}
