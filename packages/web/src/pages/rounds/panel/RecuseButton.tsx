import { App, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';

interface Props {
  panelId: number;
  applicationId: number;
  onDone: () => void;
}

/** A member declares a conflict of interest with one entry (回避) and stands down from it, giving the reason. */
export function RecuseButton({ panelId, applicationId, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = () => {
    setBusy(true);
    scoringApi.recuseFromPanelEntry(panelId, { applicationId, reason })
      .then(() => {
        message.success(t('panelRound.recused'));
        setOpen(false);
        onDone();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Button size="small" danger type="link" onClick={() => setOpen(true)} data-testid={`recuse-${applicationId}`}>{t('panelRound.recuse')}</Button>
      <Modal open={open} title={t('panelRound.recuseTitle', { id: applicationId })} okText={t('panelRound.recuse')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy, 'data-testid': 'recuse-ok' }}
        onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('panelRound.recuseHint')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)}
          placeholder={t('panelRound.recuseReason')} data-testid="recuse-reason" />
      </Modal>
    </>
  );
}
