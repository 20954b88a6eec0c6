import { FILE_SOURCES, type FileSource, REGISTRY_SOURCES, type RegistrySource } from '@keping/core';
import { Alert, App, Button, Progress, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';
import type { PoolImportReport } from '../../../../indexTypes';
import { ImportErrors } from '../../../registry/ImportErrors';
import { FilePicker } from '../FilePicker';
import { useUpload } from '../useUpload';

interface Props {
  cycleId: number;
  onChanged: () => void;
}

/** Adds candidates: from the registry (tech centres, listed companies) or from a list file under a source. */
export function PoolActions({ cycleId, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<RegistrySource | null>(null);
  const [source, setSource] = useState<FileSource>('emerging_top100');
  const [report, setReport] = useState<{ fileName: string; report: PoolImportReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useUpload<PoolImportReport>();

  const addRegistry = async (s: RegistrySource) => {
    setAdding(s);
    try {
      const r = await api.addRegistrySource(cycleId, s);
      message.success(t('pool.addedFromRegistry', { source: t(`source.${s}`), added: r.added, merged: r.merged }));
      onChanged();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setAdding(null);
    }
  };

  const importFile = async (file: File) => {
    setReport(null);
    setError(null);
    try {
      const r = await upload.run((onProgress) => api.importPool(cycleId, source, file, onProgress));
      setReport({ fileName: file.name, report: r });
      if (r.imported) onChanged();
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{t('pool.fromRegistry')}</Typography.Text>
        {REGISTRY_SOURCES.map((s) => (
          <Button key={s} loading={adding === s} disabled={adding !== null} onClick={() => void addRegistry(s)} data-testid={`pool-add-${s}`}>
            {t(`source.${s}`)}
          </Button>
        ))}
      </Space>
      <Space wrap>
        <Typography.Text strong>{t('pool.fromFile')}</Typography.Text>
        <Select<FileSource>
          value={source}
          onChange={setSource}
          style={{ width: 260 }}
          data-testid="pool-import-source"
          options={FILE_SOURCES.map((s) => ({ value: s, label: <span data-testid={`pool-source-${s}`}>{t(`source.${s}`)}</span> }))}
        />
        <FilePicker label={t('pool.chooseList')} testId="pool-import-choose" loading={upload.busy} onPick={(f) => void importFile(f)} />
        <Typography.Text type="secondary">{t('pool.listHint')}</Typography.Text>
      </Space>
      {upload.busy && <Progress percent={upload.progress} status="active" style={{ maxWidth: 480 }} />}
      {error && <Alert type="error" showIcon message={error} />}
      {report && (
        <Alert
          data-testid="pool-import-result"
          type={report.report.imported ? 'success' : 'warning'}
          showIcon
          message={
            report.report.imported
              ? t('pool.imported', { fileName: report.fileName, rows: report.report.rows, added: report.report.added, merged: report.report.merged })
              : t('pool.notImported', { fileName: report.fileName, errors: report.report.errors.length })
          }
          description={report.report.errors.length > 0 && <ImportErrors errors={report.report.errors} />}
        />
      )}
    </Space>
  );
}
