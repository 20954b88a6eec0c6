import { App, Button, Space } from 'antd';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';

/**
 * The published list as XLSX and PDF. The links work on their own (in the browser's language);
 * a click downloads the file in the language of the page.
 */
export function DownloadButtons({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onClick = (format: 'xlsx' | 'pdf') => (e: MouseEvent) => {
    e.preventDefault();
    api.downloadPublicList(cycleId, format).catch((err: unknown) => message.error(describeError(err, t)));
  };
  return (
    <Space wrap>
      <Button href={api.publicListUrl(cycleId, 'xlsx')} onClick={onClick('xlsx')} data-testid="download-xlsx">
        {t('publish.downloadXlsx')}
      </Button>
      <Button href={api.publicListUrl(cycleId, 'pdf')} onClick={onClick('pdf')} data-testid="download-pdf">
        {t('publish.downloadPdf')}
      </Button>
    </Space>
  );
}
