import type { ApplicationFacts, FactLine } from '@keping/core';
import { RERUN_REASON_MIN } from '@keping/core';
import { Alert, App, Button, Drawer, Form, Input, Modal, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import { EligibilityLines } from '../../programs/EligibilityLines';
import { FactSourceTag } from './FactSourceTag';
import { factsApi } from './factsApi';

interface Props {
  applicationId: number | null;
  title: string;
  /** The office may re-run (the round is open and the application submitted). */
  canRerun: boolean;
  onClose: () => void;
  onRerun: () => void;
}

function Value({ line }: { line: FactLine | null }) {
  const { t } = useTranslation();
  if (!line) return <Typography.Text type="secondary">{t('facts.absent')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{line.valueText}</span>
      <FactSourceTag source={line.source} text={line.sourceText} />
    </Space>
  );
}

/** An application's facts frozen at submission, what changed in the registry since, and the office's re-run with a reason. */
export function FactsDrawer({ applicationId, title, canRerun, onClose, onRerun }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [facts, setFacts] = useState<ApplicationFacts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    if (applicationId === null) return;
    let current = true;
    setFacts(null);
    setError(null);
    factsApi.applicationFacts(applicationId)
      .then((f) => current && setFacts(f))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [applicationId, version, t]);

  const rerun = async () => {
    if (applicationId === null) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const r = await factsApi.rerun(applicationId, reason);
      message.success(r.changed
        ? t('facts.rerunDone', { before: r.verdictBefore ? t(`programs.verdict.${r.verdictBefore}`) : '—', after: r.verdictAfter ? t(`programs.verdict.${r.verdictAfter}`) : '—' })
        : t('facts.rerunSame'));
      setAsking(false);
      form.resetFields();
      setVersion((v) => v + 1);
      onRerun();
    } catch (e: unknown) {
      message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={applicationId !== null} onClose={onClose} title={t('facts.title', { name: title })} width="min(760px, 100vw)" destroyOnClose
      data-testid="facts-drawer">
      {error && <Alert type="error" showIcon message={error} />}
      {!facts && !error && <Spin style={{ display: 'block', margin: 48 }} />}
      {facts && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {!facts.snapshot && <Alert type="info" showIcon message={t('facts.noSnapshot')} />}
          {facts.snapshot && (facts.changes.length > 0 ? (
            <Alert type="warning" showIcon data-testid="facts-changed" message={t('facts.changed', { n: facts.changes.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {facts.changes.map((c) => (
                    <li key={c.fact} data-testid={`facts-change-${c.fact}`}>
                      <Space size={6} wrap>
                        <Typography.Text strong>{c.factText}</Typography.Text>
                        <span>{t('facts.atSubmission')}</span>
                        <Value line={c.before} />
                        <span aria-hidden>→</span>
                        <span>{t('facts.now')}</span>
                        <Value line={c.after} />
                      </Space>
                    </li>
                  ))}
                </ul>
              } />
          ) : <Alert type="success" showIcon data-testid="facts-unchanged" message={t('facts.unchanged')} />)}
          {canRerun && (
            <Button onClick={() => setAsking(true)} data-testid="facts-rerun" type={facts.changes.length > 0 ? 'primary' : 'default'}>
              {t('facts.rerun')}
            </Button>
          )}
          {facts.snapshot && (
            <>
              <Typography.Text type="secondary">
                {t('facts.frozenAt', { asOf: facts.snapshot.asOf, at: labels.dateTime(facts.snapshot.evaluatedAt) })}
              </Typography.Text>
              <Table<FactLine> size="small" pagination={false} rowKey="fact" dataSource={facts.snapshot.facts} data-testid="facts-snapshot"
                columns={[
                  { title: t('facts.fact'), dataIndex: 'factText' },
                  { title: t('facts.value'), dataIndex: 'valueText' },
                  { title: t('facts.source'), key: 'source', render: (_: unknown, f) => <FactSourceTag source={f.source} text={f.sourceText} /> },
                ]} />
              <EligibilityLines result={facts.snapshot.eligibility} testId="facts-eligibility" />
            </>
          )}
        </Space>
      )}
      <Modal open={asking} title={t('facts.rerunTitle')} okText={t('facts.rerunOk')} cancelText={t('ui.cancel')} onOk={() => void rerun()} confirmLoading={busy}
        onCancel={() => setAsking(false)} okButtonProps={{ danger: true, 'data-testid': 'facts-rerun-ok' }}>
        <Alert type="warning" showIcon message={t('facts.rerunWarning')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('facts.reason')}
            rules={[{ required: true, whitespace: true, min: RERUN_REASON_MIN, message: t('facts.reasonRequired', { min: RERUN_REASON_MIN }) }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="facts-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
