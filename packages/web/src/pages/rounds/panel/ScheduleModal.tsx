import { Alert, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { PanelView } from '../../../scoringTypes';
import { showFieldErrors } from '../scoring/model';

interface Slot {
  startsAt?: string;
  room?: string;
}

interface Props {
  panel: PanelView | null;
  onClose: () => void;
  onSaved: () => void;
}

/** 答辩安排: a time (Shanghai) and a room for each entry; entries left blank are not scheduled. */
export function ScheduleModal({ panel, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ slots: Slot[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!panel) return;
    setError(null);
    form.setFieldsValue({
      slots: panel.entries.map((e) => ({ startsAt: e.slot?.startsAtShanghai ?? '', room: e.slot?.room ?? '' })),
    });
  }, [panel, form]);

  const submit = async () => {
    if (!panel) return;
    const v = await form.validateFields();
    // the rows follow the panel's entries (only the inputs are registered fields)
    const slots = (v.slots ?? []).flatMap((s, i) => {
      const entry = panel.entries[i];
      const startsAt = (s.startsAt ?? '').trim().replace('T', ' ');
      const room = (s.room ?? '').trim();
      return entry && startsAt && room ? [{ applicationId: entry.applicationId, startsAt, room }] : [];
    });
    setBusy(true);
    setError(null);
    try {
      await scoringApi.schedule(panel.id, { slots });
      onSaved();
    } catch (e) {
      showFieldErrors(form, e);
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={panel !== null} width={720} title={t('panelRound.schedule')} onCancel={onClose} confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)} okButtonProps={{ 'data-testid': 'schedule-save' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('panelRound.scheduleHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.List name="slots">
          {(fields) => fields.map((f) => {
            const entry = panel?.entries[f.name];
            return (
              <Space key={f.key} align="start" wrap>
                <Typography.Text style={{ display: 'inline-block', width: 220, paddingTop: 6 }}>#{entry?.applicationId} {entry?.title}</Typography.Text>
                <Form.Item name={[f.name, 'startsAt']} style={{ marginBottom: 8 }}>
                  <Input placeholder="2026-11-21 09:00" style={{ width: 180 }} data-testid={`slot-${entry?.applicationId}-time`} />
                </Form.Item>
                <Form.Item name={[f.name, 'room']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('panelRound.room')} style={{ width: 160 }} data-testid={`slot-${entry?.applicationId}-room`} />
                </Form.Item>
              </Space>
            );
          })}
        </Form.List>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
