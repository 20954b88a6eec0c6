import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../../components/describeError';
import { scoringApi } from '../../scoringApi';
import type { ExpertItem, PeerScores } from '../../scoringTypes';
import { useBilingual } from '../programs/model';
import { RoundStatusTag } from '../programs/ProgramTags';
import { ScoreSheetForm } from './ScoreSheetForm';

const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

/**
 * One item opened for scoring. It shows only what the API returns: in a blind round no applicant
 * identity at all (no organisation, no code), attachments under neutral names with size and SHA-256.
 */
export function ReviewItemPage() {
  const { assignmentId = '' } = useParams();
  const id = Number(assignmentId);
  const { t } = useTranslation();
  const local = useBilingual();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [item, setItem] = useState<ExpertItem | null>(null);
  const [peers, setPeers] = useState<PeerScores | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recusing, setRecusing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    let live = true;
    setItem(null);
    scoringApi.openItem(id)
      .then((i) => live && setItem(i))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [id, t]);

  if (error) return <Alert type="error" showIcon message={error} data-testid="review-error" />;
  if (!item) return <Spin style={{ display: 'block', margin: 48 }} />;
  const { entry, round } = item;
  const open = round.status !== 'closed';

  const recuse = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await scoringApi.recuse(id, v.reason);
      message.success(r.replaced ? t('expertPortal.recusedReplaced') : t('expertPortal.recused'));
      navigate('/reviews');
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const loadPeers = () => {
    scoringApi.peerScores(id).then(setPeers).catch((e: unknown) => message.info(describeError(e, t)));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="review-title">{entry.title}</span>
            <RoundStatusTag status={round.status} />
            {round.blind && <Tag color="purple" data-testid="review-blind">{t('expertPortal.blind')}</Tag>}
          </Space>
        }
        extra={<Link to="/reviews" data-testid="reviews-back">{t('expertPortal.backToList')}</Link>}
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="review-entry">
          <Descriptions.Item label={t('expertPortal.round')}>{local(round.name)}</Descriptions.Item>
          <Descriptions.Item label={t('expertPortal.entryNo')}>#{entry.id}</Descriptions.Item>
          <Descriptions.Item label={t('fields.category')}>{local(entry.categoryName) || entry.category || '—'}</Descriptions.Item>
          {entry.applicant && (
            <Descriptions.Item label={t('expertPortal.applicant')}>
              <span data-testid="review-applicant">{entry.applicant.organisationName} ({entry.applicant.uscc})</span>
            </Descriptions.Item>
          )}
          {entry.fields.map((f) => (
            <Descriptions.Item key={f.key} label={local(f.label)} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.value === null ? '—' : String(f.value)}</Typography.Paragraph>
            </Descriptions.Item>
          ))}
        </Descriptions>
        {round.blind && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('expertPortal.blindNote')}</Typography.Paragraph>}
      </Card>
      <Card size="small" title={t('expertPortal.attachments')}>
        {entry.attachments.length === 0 ? t('ui.none') : (
          <Space direction="vertical" data-testid="review-attachments">
            {entry.attachments.map((a) => (
              <Space key={a.no} wrap>
                <Button size="small" onClick={() => scoringApi.downloadFile(id, a.no, a.label).catch((e: unknown) => message.error(describeError(e, t)))}
                  data-testid={`attachment-${a.no}`}>
                  {a.label}
                </Button>
                {a.attachment && <Tag>{local(a.attachment)}</Tag>}
                <Typography.Text type="secondary">{kb(a.size)} · SHA-256 {a.sha256.slice(0, 16)}…</Typography.Text>
              </Space>
            ))}
          </Space>
        )}
      </Card>
      <ScoreSheetForm assignmentId={id} rubric={item.rubric} sheet={item.sheet} open={open}
        onSaved={(sheet) => setItem({ ...item, sheet })} />
      <Space wrap>
        {open && item.sheet.status !== 'submitted' && (
          <Button danger onClick={() => setRecusing(true)} data-testid="recuse">{t('expertPortal.recuse')}</Button>
        )}
        <Button onClick={loadPeers} data-testid="peer-scores">{t('expertPortal.peerScores')}</Button>
      </Space>
      {peers && (
        <Table
          size="small"
          rowKey="reviewer"
          pagination={false}
          dataSource={peers.sheets}
          data-testid="peer-table"
          columns={[
            { title: t('expertPortal.reviewer'), key: 'r', render: (_: unknown, s: PeerScores['sheets'][number]) => s.mine ? `${s.reviewer} ${t('expertPortal.mine')}` : s.reviewer },
            ...item.rubric.map((c) => ({ title: local(c.name), key: c.key, render: (_: unknown, s: PeerScores['sheets'][number]) => s.scores[c.key] ?? '—' })),
            { title: t('fields.comment'), dataIndex: 'comment' },
          ]}
        />
      )}
      <Modal open={recusing} title={t('expertPortal.recuseTitle')} onCancel={() => setRecusing(false)} confirmLoading={busy}
        onOk={() => void recuse().catch(() => undefined)} okButtonProps={{ danger: true, 'data-testid': 'recuse-ok' }} destroyOnHidden>
        <Typography.Paragraph>{t('expertPortal.recuseText')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('scoringRound.reason')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('scoringRound.reasonRequired', { min: 2 }) }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="recuse-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
