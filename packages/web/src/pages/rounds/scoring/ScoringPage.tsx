import { Alert, Card, Space, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { scoringApi } from '../../../scoringApi';
import { can, useSession } from '../../../session';
import { useBilingual } from '../../programs/model';
import { RoundStatusTag } from '../../programs/ProgramTags';
import { AssignmentsTab } from './AssignmentsTab';
import { ProgressTab } from './ProgressTab';
import { ResultsTab } from './ResultsTab';
import { ScoringConfigForm } from './ScoringConfigForm';
import { useProgramData } from '../../programs/useProgramData';

const TABS = ['config', 'assignments', 'progress', 'results'] as const;
type Tab = (typeof TABS)[number];

/** 专家评分 for the office: settings, the assignment and hand changes, progress and reminders, results, the decision and closing. */
export function ScoringPage() {
  const { id = '', roundId: rawRound = '' } = useParams();
  const roundId = Number(rawRound);
  const { t } = useTranslation();
  const local = useBilingual();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const { program, data: overview, error, reload, version } = useProgramData(Number(id), roundId, () => scoringApi.overview(roundId));
  const editable = can(user, 'editPrograms');
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'assignments';

  if (error && !overview) return <Alert type="error" showIcon message={error} data-testid="scoring-error" />;
  if (!overview || !program) return <Spin style={{ display: 'block', margin: 48 }} />;
  const open = overview.round.status !== 'closed';
  const canEdit = editable && open;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="page-title">{t('scoringRound.title', { round: local(overview.round.name) })}</span>
            <RoundStatusTag status={overview.round.status} testId="round-status" />
          </Space>
        }
        extra={<Link to={`/programs/${program.id}`}>{local(program.title)}</Link>}
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: 'config', label: <span data-testid="tab-config">{t('scoringRound.tab.config')}</span>,
              children: <ScoringConfigForm roundId={roundId} config={overview.config} editable={canEdit} onSaved={reload} />,
            },
            {
              key: 'assignments', label: <span data-testid="tab-assignments">{t('scoringRound.tab.assignments')}</span>,
              children: <AssignmentsTab overview={overview} program={program} editable={canEdit} onChanged={reload} />,
            },
            {
              key: 'progress', label: <span data-testid="tab-progress">{t('scoringRound.tab.progress')}</span>,
              children: <ProgressTab roundId={roundId} program={program} editable={canEdit} version={version} />,
            },
            {
              key: 'results', label: <span data-testid="tab-results">{t('scoringRound.tab.results')}</span>,
              children: <ResultsTab overview={overview} program={program} editable={canEdit} onChanged={reload} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
