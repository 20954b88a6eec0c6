import type { AttachmentSpec } from '@keping/core';
import { Alert, App, Button, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { Application } from '../../../programTypes';
import { useUpload } from '../../rounds/index/useUpload';
import { useBilingual } from '../model';

/** Size as people read it: 2.9 KB, 1.2 MB. */
export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(0.1, bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

interface RowProps {
  application: Application;
  spec: AttachmentSpec;
  editable: boolean;
  error: string | undefined;
  onUploaded: () => void;
}

function AttachmentRow({ application, spec, editable, error, onUploaded }: RowProps) {
  const { t } = useTranslation();
  const local = useBilingual();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const { busy, progress, run } = useUpload<unknown>();
  const [failure, setFailure] = useState<string | null>(null);
  const file = application.files.find((f) => f.key === spec.key);
  const types = [...spec.extensions.map((e) => `.${e}`), ...spec.mimeTypes];

  const onPick = (picked: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!picked) return;
    setFailure(null);
    run((onProgress) => api.attachFile(application.id, spec.key, picked, onProgress))
      .then(() => {
        message.success(t('portal.uploaded', { name: picked.name }));
        onUploaded();
      })
      .catch((e: unknown) => setFailure(describeError(e, t)));
  };

  return (
    <List.Item data-testid={`attachment-${spec.key}`}
      actions={editable ? [
        <Button key="upload" loading={busy} onClick={() => input.current?.click()} data-testid={`attachment-${spec.key}-choose`}>
          {file ? t('portal.replaceFile') : t('portal.chooseFile')}
        </Button>,
      ] : []}>
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{local(spec.label)}</Typography.Text>
          {spec.required ? <Tag color="red">{t('portal.required')}</Tag> : <Tag>{t('portal.optional')}</Tag>}
        </Space>
        <Typography.Text type="secondary" data-testid={`attachment-${spec.key}-limits`}>
          {t('portal.attachmentLimits', { types: types.length ? types.join(', ') : t('portal.anyType'), size: spec.maxSizeMb })}
        </Typography.Text>
        {file ? (
          <Space wrap data-testid={`attachment-${spec.key}-file`}>
            <Button type="link" style={{ padding: 0 }} onClick={() => api.downloadAttachment(application.id, file).catch((e: unknown) => message.error(describeError(e, t)))}>
              {file.originalName}
            </Button>
            <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
          </Space>
        ) : <Typography.Text type="secondary">{t('portal.noFile')}</Typography.Text>}
        {busy && <Progress percent={progress} size="small" style={{ maxWidth: 320 }} />}
        {(failure ?? error) && <Alert type="error" showIcon message={failure ?? error} data-testid={`attachment-${spec.key}-error`} />}
        <input ref={input} type="file" style={{ display: 'none' }} data-testid={`attachment-${spec.key}-input`}
          accept={spec.extensions.map((e) => `.${e}`).join(',') || undefined}
          onChange={(e) => onPick(e.target.files?.[0])} />
      </Space>
    </List.Item>
  );
}

interface Props {
  application: Application | null;
  specs: AttachmentSpec[];
  editable: boolean;
  errors: Record<string, string>;
  onUploaded: () => void;
}

/** One row per attachment the call asks for: its limits, the file uploaded, and an upload button. */
export function AttachmentsPanel({ application, specs, editable, errors, onUploaded }: Props) {
  const { t } = useTranslation();
  if (specs.length === 0) return null;
  return (
    <Card title={t('programForm.step.attachments')} size="small" data-testid="attachments-panel">
      {!application ? (
        <Typography.Text type="secondary">{t('portal.saveFirst')}</Typography.Text>
      ) : (
        <List dataSource={specs} rowKey="key"
          renderItem={(spec) => (
            <AttachmentRow application={application} spec={spec} editable={editable} error={errors[spec.key]} onUploaded={onUploaded} />
          )} />
      )}
    </Card>
  );
}
