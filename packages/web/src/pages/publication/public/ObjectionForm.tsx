import { Alert, Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import { publicationApi, type ObjectionDraft } from '../../../publicationApi';
import type { FiledObjection, PublicEntry } from '../../../publicationTypes';
import { formErrorsOf } from '../../awards/formErrors';
import { entryLabel } from '../model';

interface Values {
  name: string;
  contact: string;
  organisation?: string;
  entryId?: number;
  grounds: string;
}

interface Props {
  publicationId: number;
  entries: PublicEntry[];
  endDate: string | null;
}

/** 异议: a named objection with a way to reach the objector, the entry it concerns, the grounds and optional evidence. */
export function ObjectionForm({ publicationId, entries, endDate }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filed, setFiled] = useState<FiledObjection | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (v: Values) => {
    const draft: ObjectionDraft = {
      name: v.name.trim(), contact: v.contact.trim(), grounds: v.grounds.trim(),
      ...(v.organisation?.trim() ? { organisation: v.organisation.trim() } : {}),
      ...(v.entryId !== undefined ? { entryId: v.entryId } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      setFiled(await publicationApi.fileObjection(publicationId, draft, file));
    } catch (e) {
      form.setFields(formErrorsOf<keyof Values>(e, ['name', 'contact', 'organisation', 'entryId', 'grounds']));
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  if (filed) {
    return (
      <Card>
        <Result status="success" title={<span data-testid="objection-filed">{t('publicNotice.filed', { id: filed.id })}</span>}
          subTitle={t('publicNotice.filedText', { at: labels.dateTime(filed.filedAt) })}
          extra={<Button onClick={() => { setFiled(null); setFile(null); form.resetFields(); }} data-testid="objection-another">{t('publicNotice.another')}</Button>} />
      </Card>
    );
  }

  return (
    <Card title={t('publicNotice.objectTitle')} data-testid="objection-form">
      <Typography.Paragraph type="secondary">{t('publicNotice.objectIntro', { end: endDate ?? '' })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 720 }}>
        <Form.Item name="name" label={t('publicNotice.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="objection-name" />
        </Form.Item>
        <Form.Item name="contact" label={t('publicNotice.contact')} extra={t('publicNotice.contactHint')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="objection-contact" />
        </Form.Item>
        <Form.Item name="organisation" label={t('publicNotice.organisation')}>
          <Input maxLength={200} data-testid="objection-organisation" />
        </Form.Item>
        <Form.Item name="entryId" label={t('publicNotice.entry')} extra={t('publicNotice.entryHint')}>
          <Select data-testid="objection-entry" allowClear placeholder={t('objections.wholeList')}
            options={entries.map((e) => ({ value: e.id, label: <span data-testid={`objection-entry-${e.id}`}>{`${e.position}. ${entryLabel(e)}`}</span> }))} />
        </Form.Item>
        <Form.Item name="grounds" label={t('fields.grounds')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={5} maxLength={10_000} showCount data-testid="objection-grounds" />
        </Form.Item>
        <Form.Item label={t('publicNotice.evidence')} extra={t('publicNotice.evidenceHint')}>
          <Space wrap>
            <Button onClick={() => input.current?.click()} data-testid="objection-evidence">{t('publicNotice.chooseFile')}</Button>
            {file && <span data-testid="objection-evidence-name">{file.name}</span>}
            {file && <Button size="small" type="link" onClick={() => setFile(null)}>{t('ui.remove')}</Button>}
          </Space>
          <input ref={input} type="file" style={{ display: 'none' }} data-testid="objection-evidence-input"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              if (input.current) input.current.value = '';
            }} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="objection-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-submit">{t('publicNotice.submit')}</Button>
      </Form>
    </Card>
  );
}
