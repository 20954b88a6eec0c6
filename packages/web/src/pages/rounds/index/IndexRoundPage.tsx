/**
 * An index round of a program (/programs/:id/rounds/:roundId/index?tab=…): the TOP100 pages' tabs
 * on the round's state. A round defined on the program page gets its state when the office opens it.
 */
import { Alert, Button, Card, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../../api';
import { describeError } from '../../../components/describeError';
import { can, useSession } from '../../../session';
import { CycleView } from './CycleView';

export function IndexRoundPage() {
  const { id = '', roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const [cycleId, setCycleId] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.roundCycle(Number(roundId))
      .then((c) => current && setCycleId(c.id))
      .catch((e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 404) setCycleId(null);
        else setError(describeError(e, t));
      });
    return () => {
      current = false;
    };
  }, [roundId, t]);

  const prepare = useCallback(() => {
    api.prepareRoundCycle(Number(roundId)).then((c) => setCycleId(c.id)).catch((e: unknown) => setError(describeError(e, t)));
  }, [roundId, t]);

  const back = <Link to={`/programs/${id}`}>{t('indexRound.backToProgram')}</Link>;
  if (error) return <Alert type="error" showIcon message={error} data-testid="index-round-error" />;
  if (cycleId === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (cycleId === null) {
    return (
      <Card title={t('indexRound.title')} extra={back}>
        <Alert type="info" showIcon message={t('indexRound.notPrepared')} style={{ marginBottom: 16 }} />
        {can(user, 'editTop100') && <Button type="primary" onClick={prepare} data-testid="index-round-prepare">{t('indexRound.prepare')}</Button>}
      </Card>
    );
  }
  return <CycleView id={cycleId} tab={search.get('tab')} onTab={(tab) => setSearch({ tab })} back={back} />;
}
