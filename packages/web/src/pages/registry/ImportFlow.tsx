import type { ImportReport } from '@keping/core';
import { Alert, App, Button, Card, Progress, Result, Space, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Upload } from '../../api';
import { describeError } from '../../components/describeError';
import { ImportErrors } from './ImportErrors';
import { ACCEPTED, acceptedFile } from './importModel';
import { useImportUpload } from './useImportUpload';

interface ImportFlowProps<R extends ImportReport<string>> {
  title: string;
  intro: string;
  /** Beside the title (a way back, for instance). */
  extra?: ReactNode;
  upload: (file: File, dryRun: boolean, onProgress: (percent: number) => void) => Upload<R>;
  downloadTemplate: () => Promise<unknown>;
  /** The summary's line when the file is clean, and the confirm button's label for n rows. */
  ready: string;
  confirm: (n: number) => string;
  preview: (report: R) => ReactNode;
  /** Where the imported rows are listed, once done. */
  list: { to: string; label: string };
}

/**
 * A CSV/XLSX import (organisations, experts): the file goes up as a dry run, the marked preview and
 * errors come back, and the import is confirmed only when the file is clean.
 */
export function ImportFlow<R extends ImportReport<string>>(props: ImportFlowProps<R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { phase, progress, report, error, run, reset } = useImportUpload<R>(props.upload);
  const busy = phase === 'checking' || phase === 'importing';
  const clean = phase === 'checked' && !!report && report.errors.length === 0 && report.valid > 0;

  const onPick = (picked: File | undefined) => {
    if (input.current) input.current.value = ''; // the same file name can be picked again
    if (!picked) return;
    reset();
    setFile(picked);
    if (!acceptedFile(picked)) {
      message.error(t('errors.FILE_TYPE'));
      return;
    }
    void run(picked, true);
  };

  const onTemplate = () => props.downloadTemplate().catch((e: unknown) => message.error(describeError(e, t)));

  return (
    <Card title={<span data-testid="page-title">{props.title}</span>} extra={props.extra}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{props.intro}</Typography.Paragraph>
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
                {report.errors.length ? t('import.fixAndRetry') : props.ready}
                {report.truncated && <div>{t('import.truncated')}</div>}
              </>} />
            <Space>
              <Button type="primary" disabled={!clean || !file} loading={phase === 'importing'}
                onClick={() => file && void run(file, false)} data-testid="import-confirm">
                {props.confirm(report.valid)}
              </Button>
            </Space>
            {report.errors.length > 0 && (
              <>
                <Typography.Title level={5}>{t('import.errorsTitle', { n: report.errors.length })}</Typography.Title>
                <ImportErrors errors={report.errors} />
              </>
            )}
            <Typography.Title level={5}>{t('import.previewTitle', { n: report.preview.length })}</Typography.Title>
            {props.preview(report)}
          </>
        )}
        {report && phase === 'done' && (
          <div data-testid="import-result">
            <Result status="success" title={t('import.done')}
              subTitle={<span data-testid="import-result-counts">{t('import.doneCounts', { created: report.created, updated: report.updated })}</span>}
              extra={[
                <Link key="list" to={props.list.to}><Button type="primary">{props.list.label}</Button></Link>,
                <Button key="again" onClick={() => { reset(); setFile(null); }}>{t('import.again')}</Button>,
              ]} />
          </div>
        )}
      </Space>
    </Card>
  );
}
