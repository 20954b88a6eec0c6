import { Alert, App, Button, Card, Checkbox, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { PanelRankingView, PanelView } from '../../../scoringTypes';

/** The chair's sign-off: every mark in, a tie at the quota's edge resolved by picking the places, an optional note. */
export function SignOffCard({ panel, ranking, onSigned }: { panel: PanelView; ranking: PanelRankingView; onSigned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pick, setPick] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (ranking.signed) return null;
  const tie = ranking.tie;
  const missing = ranking.missing.length;
  const ready = missing === 0 && (!tie || pick.length === tie.places);
  const title = (id: number) => panel.entries.find((e) => e.applicationId === id)?.title ?? '';

  const sign = () => {
    setBusy(true);
    setError(null);
    scoringApi.signOff(panel.id, { ...(tie ? { tieBreak: pick } : {}), note })
      .then((r) => {
        message.success(t('panelRound.signedOff', { n: r.selected.length }));
        onSigned();
      })
      .catch((e: unknown) => setError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Card size="small" title={t('panelRound.signOff')} data-testid="sign-off-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        {missing > 0 && <Alert type="warning" showIcon message={t('panelRound.ranking.missing', { n: missing })} />}
        {tie && (
          <Space direction="vertical" data-testid="tie-break">
            <Typography.Text>{t('panelRound.tieBreakHint', { places: tie.places })}</Typography.Text>
            <Checkbox.Group value={pick} onChange={(v) => setPick(v)}
              options={tie.applicationIds.map((id) => ({
                value: id, label: <span data-testid={`tie-pick-${id}`}>#{id} {title(id)}</span>,
                disabled: !pick.includes(id) && pick.length >= tie.places,
              }))} />
          </Space>
        )}
        <Input.TextArea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('panelRound.note')}
          data-testid="sign-off-note" />
        {error && <Alert type="error" showIcon message={error} data-testid="sign-off-error" />}
        <Popconfirm title={t('panelRound.signOffConfirm')} description={t('panelRound.signOffConfirmText')} onConfirm={sign}
          okButtonProps={{ 'data-testid': 'sign-off-ok' }}>
          <Button type="primary" disabled={!ready} loading={busy} data-testid="sign-off">{t('panelRound.signOff')}</Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
