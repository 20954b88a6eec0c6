import type { PanelMarkInput } from '@keping/core';
import { App, Button, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { PanelMarkView, PanelView } from '../../../scoringTypes';
import { useBilingual } from '../../programs/model';

interface Props {
  panel: PanelView;
  applicationId: number;
  mine: PanelMarkView | undefined;
  disabled: boolean;
  onSaved: () => void;
}

/** One member's mark on one entry, as the round configures: a 0–100 score, a score per criterion, or a vote. */
export function MarkEditor({ panel, applicationId, mine, disabled, onSaved }: Props) {
  const { t } = useTranslation();
  const local = useBilingual();
  const { message } = App.useApp();
  const [scoreValue, setScore] = useState<number | null>(mine?.score ?? null);
  const [criteria, setCriteria] = useState<Record<string, number | null>>(mine?.criteria ?? {});
  const [vote, setVote] = useState<boolean | null>(mine?.vote ?? null);
  const [busy, setBusy] = useState(false);
  const rubric = panel.criteria.length > 0;

  let input: PanelMarkInput | null = null;
  if (panel.mode === 'vote') input = vote === null ? null : { applicationId, vote };
  else if (rubric) {
    const values = Object.fromEntries(panel.criteria.flatMap((c) => (typeof criteria[c.key] === 'number' ? [[c.key, criteria[c.key] as number]] : [])));
    input = Object.keys(values).length === panel.criteria.length ? { applicationId, criteria: values } : null;
  } else input = scoreValue === null ? null : { applicationId, score: scoreValue };

  const save = () => {
    if (!input) return;
    setBusy(true);
    scoringApi.mark(panel.id, input)
      .then(() => {
        message.success(t('panelRound.markSaved'));
        onSaved();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Space wrap data-testid={`mark-${applicationId}`}>
      {panel.mode === 'vote' && (
        <Radio.Group value={vote} disabled={disabled} onChange={(e) => setVote(e.target.value as boolean)}>
          <Radio value data-testid={`vote-yes-${applicationId}`}>{t('panelRound.voteYes')}</Radio>
          <Radio value={false} data-testid={`vote-no-${applicationId}`}>{t('panelRound.voteNo')}</Radio>
        </Radio.Group>
      )}
      {panel.mode === 'score' && !rubric && (
        <InputNumber min={0} max={100} value={scoreValue} disabled={disabled} onChange={(v) => setScore(v)}
          placeholder="0–100" data-testid={`mark-score-${applicationId}`} />
      )}
      {panel.mode === 'score' && rubric && panel.criteria.map((c) => (
        <Space key={c.key} size={4}>
          <Typography.Text type="secondary">{local(c.name) || c.key} ×{c.weight}</Typography.Text>
          <InputNumber min={0} max={100} value={criteria[c.key] ?? null} disabled={disabled} style={{ width: 80 }}
            onChange={(v) => setCriteria((x) => ({ ...x, [c.key]: v }))} data-testid={`mark-${applicationId}-${c.key}`} />
        </Space>
      ))}
      {!disabled && (
        <Button size="small" type={mine ? 'default' : 'primary'} disabled={!input} loading={busy} onClick={save} data-testid={`mark-save-${applicationId}`}>
          {mine ? t('panelRound.markUpdate') : t('panelRound.markSave')}
        </Button>
      )}
      {mine && <Typography.Text type="success">{t('panelRound.marked')}</Typography.Text>}
    </Space>
  );
}
