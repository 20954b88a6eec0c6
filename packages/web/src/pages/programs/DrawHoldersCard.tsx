/** An evaluation of current holders: the office draws its entries from the holders of a title (and tier) on a day. */
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api';
import { describeError } from '../../components/describeError';
import { useDesignationLabels } from '../designations/useDesignationLabels';

interface Draw { title: string; tier?: string; on: string }

export function DrawHoldersCard({ programId, onDrawn }: { programId: number; onDrawn: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDesignationLabels();
  const [form] = Form.useForm<Draw>();
  const title = Form.useWatch('title', form);
  const [busy, setBusy] = useState(false);
  const draw = async (values: Draw) => {
    setBusy(true);
    try {
      const r = await request<{ added: number; already: number; holders: number }>('POST', `/api/programs/${programId}/pool/holders`, values);
      message.success(t('programs.holders.drawn', r));
      onDrawn();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('programs.holders.title')} size="small" data-testid="draw-holders">
      <Typography.Paragraph type="secondary">{t('programs.holders.hint')}</Typography.Paragraph>
      <Form<Draw> form={form} layout="inline" onFinish={(v) => void draw(v)}>
        <Space wrap>
          <Form.Item name="title" rules={[{ required: true, message: t('programs.holders.titleRequired') }]}>
            <Select data-testid="holders-title" style={{ width: 220 }} placeholder={t('programs.holders.titlePlaceholder')} options={labels.titleOptions()}
              onChange={() => form.setFieldValue('tier', undefined)} />
          </Form.Item>
          <Form.Item name="tier">
            <Select data-testid="holders-tier" allowClear style={{ width: 160 }} placeholder={t('programs.holders.anyTier')} options={labels.tierOptions(title)} />
          </Form.Item>
          <Form.Item name="on" rules={[{ required: true, message: t('programs.holders.dayRequired') }]}>
            <Input type="date" data-testid="holders-on" aria-label={t('programs.holders.day')} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="holders-draw">{t('programs.holders.draw')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
