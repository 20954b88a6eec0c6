import { App, Button, Card, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { useLabels } from '../../labels';
import { publicationApi } from '../../publicationApi';
import type { Certificate } from '../../publicationTypes';

interface Props {
  publicationId: number;
  editable: boolean;
}

/** 证书: issue one per listed entry of the final list, download each as PDF, open its public verification page. */
export function CertificatesCard({ publicationId, editable }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [items, setItems] = useState<Certificate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    publicationApi.listCertificates(publicationId)
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && message.error(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [publicationId, version, message, t]);

  const issue = () => {
    setBusy(true);
    publicationApi.issueCertificates(publicationId)
      .then((r) => {
        message.success(t('certificates.issued', { n: r.issued }));
        setVersion((v) => v + 1);
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };
  const verifyPath = (c: Certificate) => `/verify/${encodeURIComponent(c.serial)}?h=${c.contentHash}`;

  return (
    <Card
      size="small"
      title={t('certificates.title', { n: items?.length ?? 0 })}
      extra={editable && <Button type="primary" loading={busy} onClick={issue} data-testid="certificates-issue">{t('certificates.issue')}</Button>}
    >
      <Table<Certificate>
        data-testid="certificates-table"
        rowKey="serial"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('certificates.none') }}
        onRow={(c) => ({ 'data-testid': `certificate-row-${c.entryId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('certificates.serial'), dataIndex: 'serial', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
          { title: t('publicationPage.holder'), dataIndex: 'holder' },
          { title: t('certificates.honour'), dataIndex: 'title' },
          { title: t('certificates.date'), dataIndex: 'date' },
          { title: t('certificates.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => labels.dateTime(v) },
          {
            title: t('programs.actions'), key: 'actions',
            render: (_: unknown, c) => (
              <Space>
                <Button size="small" data-testid={`certificate-${c.entryId}-pdf`}
                  onClick={() => publicationApi.downloadCertificate(c.serial).catch((e: unknown) => message.error(describeError(e, t)))}>
                  {t('certificates.download')}
                </Button>
                <a href={verifyPath(c)} target="_blank" rel="noreferrer" data-testid={`certificate-${c.entryId}-verify`}>{t('certificates.verify')}</a>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
