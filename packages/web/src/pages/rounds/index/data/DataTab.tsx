import { Alert, App, Button, Progress, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';
import type { Candidate, Cycle, DataImportReport } from '../../../../indexTypes';
import { can, useSession } from '../../../../session';
import { ImportErrors } from '../../../registry/ImportErrors';
import { FilePicker } from '../FilePicker';
import { specOutline } from '../model';
import { useUpload } from '../useUpload';
import { DataErrorGrid } from './DataErrorGrid';

interface Props {
  cycle: Cycle;
  candidates: Candidate[];
  reload: () => void;
}

/** 指标数据: the template from the indicator system; a file checked first, imported once it is clean. */
export function DataTab({ cycle, candidates, reload }: Props) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DataImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useUpload<DataImportReport>();
  const editable = can(user, 'editTop100') && cycle.status !== 'published';
  const outline = useMemo(() => specOutline(cycle.spec, i18n.language), [cycle.spec, i18n.language]);
  const names = useMemo(() => new Map(outline.indicators.map((i) => [i.id, `${i.name} (${i.id})`])), [outline]);
  const withData = candidates.filter((c) => c.data && Object.keys(c.data).length > 0).length;
  const clean = !!report && report.dryRun && report.errors.length === 0 && report.valid > 0;

  const send = async (f: File, dryRun: boolean) => {
    setError(null);
    if (dryRun) setReport(null);
    try {
      const r = await upload.run((onProgress) => api.importData(cycle.id, f, dryRun, onProgress));
      setReport(r);
      if (r.imported) reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const onTemplate = () => api.downloadDataTemplate(cycle.id).catch((e: unknown) => message.error(describeError(e, t)));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('indexData.intro', { indicators: outline.indicators.length })}
      </Typography.Paragraph>
      <Typography.Text data-testid="data-coverage">{t('indexData.withData', { withData, total: candidates.length })}</Typography.Text>
      {!editable && <Alert type="info" showIcon message={cycle.status === 'published' ? t('cycle.publishedReadOnly') : t('cycle.readOnly')} />}
      {editable && (
        <Space wrap>
          <Button onClick={onTemplate} data-testid="data-template">{t('import.template')}</Button>
          <FilePicker
            label={t('import.choose')}
            testId="data-choose"
            loading={upload.busy}
            onPick={(f) => {
              setFile(f);
              void send(f, true);
            }}
          />
          {file && <Typography.Text data-testid="data-file-name">{file.name}</Typography.Text>}
        </Space>
      )}
      {upload.busy && (
        <div style={{ maxWidth: 480 }} data-testid="data-progress">
          <Typography.Text type="secondary">{report?.dryRun ? t('import.importing') : t('import.uploading')}</Typography.Text>
          <Progress percent={upload.progress} status="active" />
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="data-error" />}
      {report?.imported && (
        <Alert type="success" showIcon data-testid="data-result" message={t('indexData.imported', { rows: report.valid })} description={t('indexData.recompute')} />
      )}
      {report && !report.imported && (
        <>
          <Alert
            data-testid="data-summary"
            type={report.errors.length ? 'warning' : 'success'}
            showIcon
            message={t('import.summary', { rows: report.rows, valid: report.valid, errors: report.errors.length })}
            description={report.errors.length ? t('import.fixAndRetry') : t('import.readyToImport')}
          />
          <Space>
            <Button
              type="primary"
              disabled={!clean || !file || upload.busy}
              loading={upload.busy && !!report}
              onClick={() => file && void send(file, false)}
              data-testid="data-confirm"
            >
              {t('import.confirm', { n: report.valid })}
            </Button>
          </Space>
          {report.errors.length > 0 && (
            <>
              <Typography.Title level={5}>{t('import.errorsTitle', { n: report.errors.length })}</Typography.Title>
              <DataErrorGrid errors={report.errors} indicatorName={(id) => names.get(id) ?? id} />
              <ImportErrors errors={report.errors.map((e) => ({ ...e, field: names.get(e.field) ?? e.field }))} />
            </>
          )}
        </>
      )}
    </Space>
  );
}
