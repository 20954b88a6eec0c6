import { Alert, App, Button, Card, Progress, Result, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { describeError } from '../../components/describeError';
import { EXPERT_COLUMNS, type ExpertColumn, type ExpertImportReport } from '../../expertTypes';
import { ImportErrors } from '../registry/ImportErrors';
import { PreviewTable } from '../registry/ImportPreview';
import { ACCEPTED, acceptedFile } from '../registry/importModel';
import { useImportUpload } from '../registry/useImportUpload';

const sameColumn = (field: string) => field;

/** 批量导入专家: the organisation import's flow for experts — dry run with a marked preview, then confirm when clean. */
export function ExpertImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { phase, progress, report, error, run, reset } = useImportUpload<ExpertImportReport>(api.importExperts);
  const busy = phase === 'checking' || phase === 'importing';
  const clean = phase === 'checked' && !!report && report.errors.length === 0 && report.valid > 0;

  const onPick = (picked: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!picked) return;
    reset();
    setFile(picked);
    if (!acceptedFile(picked)) {
      message.error(t('errors.FILE_TYPE'));
      return;
    }
    void run(picked, true);
  };

  const onTemplate = () => api.downloadExpertTemplate().catch((e: unknown) => message.error(describeError(e, t)));
  const columnLabel = (c: ExpertColumn) => t(`expertImport.column.${c}`);

  return (
    <Card title={<span data-testid="page-title">{t('expertImport.title')}</span>} extra={<Link to="/experts">{t('experts.backToList')}</Link>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('expertImport.intro')}</Typography.Paragraph>
        <Space wrap>
          <Button onClick={onTemplate} data-testid="import-template">{t('import.template')}</Button>
          <Button type="primary" disabled={busy} onClick={() => input.current?.click()} data-testid="import-choose">{t('import.choose')}</Button>
          <input ref={input} type="file" accept={ACCEPTED.join(',')} style={{ display: 'none' }} data-testid="import-file-input"
            onChange={(e) => onPick(e.target.files?.[0])} />
          {file && (
            <Typography.Text data-testid="import-file-name">
              {file.name} ({t('import.size', { kb: Math.max(1, Math.round(file.size / 1024)) })})
            </Typography.Text>
          )}
        </Space>
        {(busy || phase === 'checked' || phase === 'done') && (
          <div data-testid="import-progress" style={{ maxWidth: 480 }}>
            <Typography.Text type="secondary">
              {phase === 'importing' ? t('import.importing') : busy ? t('import.uploading') : t('import.uploaded')}
            </Typography.Text>
            <Progress percent={progress} status={busy ? 'active' : 'success'} />
          </div>
        )}
        {phase === 'failed' && <Alert type="error" showIcon message={describeError(error, t)} data-testid="import-error" />}
        {report && phase !== 'done' && (
          <>
            <Alert data-testid="import-summary" type={report.errors.length ? 'warning' : 'success'} showIcon
              message={t('import.summary', { rows: report.rows, valid: report.valid, errors: report.errors.length })}
              description={<>
                {report.errors.length ? t('import.fixAndRetry') : t('expertImport.ready')}
                {report.truncated && <div>{t('import.truncated')}</div>}
              </>} />
            <Space>
              <Button type="primary" disabled={!clean || !file} loading={phase === 'importing'}
                onClick={() => file && void run(file, false)} data-testid="import-confirm">
                {t('expertImport.confirm', { n: report.valid })}
              </Button>
            </Space>
            {report.errors.length > 0 && (
              <>
                <Typography.Title level={5}>{t('import.errorsTitle', { n: report.errors.length })}</Typography.Title>
                <ImportErrors errors={report.errors} />
              </>
            )}
            <Typography.Title level={5}>{t('import.previewTitle', { n: report.preview.length })}</Typography.Title>
            <PreviewTable report={report} headers={EXPERT_COLUMNS} headerLabel={columnLabel} columnOf={sameColumn} />
          </>
        )}
        {report && phase === 'done' && (
          <div data-testid="import-result">
            <Result status="success" title={t('import.done')}
              subTitle={<span data-testid="import-result-counts">{t('import.doneCounts', { created: report.created, updated: report.updated })}</span>}
              extra={[
                <Link key="list" to="/experts"><Button type="primary">{t('experts.backToList')}</Button></Link>,
                <Button key="again" onClick={() => { reset(); setFile(null); }}>{t('import.again')}</Button>,
              ]} />
          </div>
        )}
      </Space>
    </Card>
  );
}
