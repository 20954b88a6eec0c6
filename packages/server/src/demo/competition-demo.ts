/**
 * The trade union's 2019 innovation achievement competition (立功竞赛), replayed on the demo
 * registry through the same services the web app calls: 294 achievements from 210 units apply;
 * the screening round runs the competition-2019 rule set and the office confirms each verdict.
 * Every count after that comes from running the rounds, never from writing the lists.
 */
import { createRng, type ProgramInput, type Rng, shuffleInPlace } from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { createApplication } from '../programs/application.service.js';
import { createProgram } from '../programs/program.service.js';
import { closeRound, decideScreening, runScreening } from '../rounds/screening/screening.service.js';
import { submitApplication } from '../programs/submit-application.js';
import { decodeSet } from '../registry/organisation.repository.js';
import { type PublicationDemoResult, replayPublication } from './competition-publication.js';
import { demoOrganisations, userIdByName, verdictsOf } from './demo.repository.js';
import { replayPanels, replayScoring, seedJudges } from './competition-rounds.js';

/** Units of other fields that apply anyway: the screening's rules turn them away. */
const UNRELATED_UNITS = 16;

const CATEGORY_OF_FIELD: Record<string, 'ic' | 'ai' | 'bio' | undefined> = { ic: 'ic', ai: 'ai', biomedicine: 'bio' };
const CATEGORIES = ['ic', 'ai', 'bio'] as const;

export function competitionProgram(): ProgramInput {
  return {
    type: 'competition', ownerOffice: '上海市总工会', cycleYear: 2019, status: 'published', announcement: true,
    title: { zh: '2019年上海市重点产业创新成果立功竞赛', en: 'Shanghai key-industry innovation achievement competition 2019' },
    call: {
      opensAt: '2019-03-01 09:00', closesAt: '2019-05-31 17:00', allowedKinds: [], ruleSetId: 'competition-2019',
      fields: [
        { key: 'summary', label: { zh: '成果简介', en: 'Summary' }, type: 'longtext', required: true, maxLength: 2000 },
        { key: 'team', label: { zh: '主要完成人', en: 'Main contributors' }, type: 'text', required: true, maxLength: 200 },
        { key: 'patents', label: { zh: '授权发明专利（项）', en: 'Granted invention patents' }, type: 'number', required: false },
      ],
      attachments: [],
    },
    rounds: [
      { key: 'screening', kind: 'screening', name: { zh: '形式审查', en: 'Screening' }, config: {} },
      { key: 'review', kind: 'scoring', name: { zh: '专家评审', en: 'Expert review' }, config: {} },
      { key: 'final', kind: 'panel', name: { zh: '终审答辩', en: 'Final presentations' }, config: {} },
    ],
    categories: [
      { key: 'ic', name: { zh: '集成电路及其他大科学', en: 'Integrated circuits and other big science' }, quotas: { review: 49, final: 26 } },
      { key: 'ai', name: { zh: '人工智能', en: 'Artificial intelligence' }, quotas: { review: 68, final: 29 } },
      { key: 'bio', name: { zh: '生物医药', en: 'Biomedicine' }, quotas: { review: 68, final: 35 } },
    ],
    outcomes: [
      { key: 'excellent', name: { zh: '优秀创新成果', en: 'Excellent innovation achievement' }, quota: 90 },
    ],
  };
}

const SUBJECTS: Record<'ic' | 'ai' | 'bio', string[]> = {
  ic: ['14纳米FinFET工艺', '高速SerDes接口', '车规级MCU', '硅光互连芯片', '12英寸大硅片', '先进封装测试', 'EDA布局布线工具', '光刻胶国产化', '存储控制器', '射频前端模组'],
  ai: ['工业视觉质检', '城市交通大脑', '医疗影像辅助诊断', '智能语音交互', '自动驾驶感知', '知识图谱风控', '机器人运动控制', '大模型推理加速', '智慧物流调度', '多模态内容审核'],
  bio: ['PD-1单抗', 'CAR-T细胞治疗', 'mRNA疫苗平台', '基因测序仪', '小分子靶向药', '人工心脏瓣膜', '生物可降解支架', '高通量药物筛选', '抗体偶联药物', '体外诊断试剂'],
};
const ACHIEVEMENTS = ['研发及产业化', '关键技术突破', '工程化应用', '平台建设与示范', '国产替代与规模应用'];

function titleFor(rng: Rng, category: 'ic' | 'ai' | 'bio'): string {
  const subjects = SUBJECTS[category];
  return `${subjects[rng.int(subjects.length)]!}${ACHIEVEMENTS[rng.int(ACHIEVEMENTS.length)]!}`;
}

export interface CompetitionDemoResult {
  programId: number;
  units: number;
  achievements: number;
  screening: { advanced: number; rejected: number; perCategory: Record<string, number> };
  experts?: number;
  review?: { assigned: number; sheets: number; advanced: number; perCategory: Record<string, number> };
  final?: { selected: number; perCategory: Record<string, number>; tieBreaks: number };
  publication?: PublicationDemoResult;
}

/** Units and achievements per category: 210 units (16 of them outside the three industries), 294 achievements. */
const UNITS_PER_CATEGORY = { ic: 58, ai: 72, bio: 64 } as const;
const EXTRA_ACHIEVEMENTS = { ic: 22, ai: 33, bio: 29 } as const;

/** The competition's applicants: units of the three industries, and a few others that apply anyway. */
async function applicants(store: Store, rng: Rng): Promise<{ uscc: string; field: string; category: 'ic' | 'ai' | 'bio' | null }[]> {
  const rows = await demoOrganisations(store.db, { establishedBefore: '2018-01-01' });
  const withField = rows.map((r) => ({ uscc: r.uscc, field: decodeSet<string>(r.talent_fields)[0] ?? '' }));
  const out: { uscc: string; field: string; category: 'ic' | 'ai' | 'bio' | null }[] = [];
  for (const category of CATEGORIES) {
    const pool = withField.filter((r) => CATEGORY_OF_FIELD[r.field] === category);
    shuffleInPlace(rng, pool);
    if (pool.length < UNITS_PER_CATEGORY[category]) throw new Error(`competition demo: ${pool.length} units in ${category}`);
    out.push(...pool.slice(0, UNITS_PER_CATEGORY[category]).map((u) => ({ ...u, category })));
  }
  const unrelated = withField.filter((r) => r.field !== '' && CATEGORY_OF_FIELD[r.field] === undefined);
  shuffleInPlace(rng, unrelated);
  out.push(...unrelated.slice(0, UNRELATED_UNITS).map((u) => ({ ...u, category: null })));
  return out;
}

/**
 * `through: 'screening'` stops after the first round (quick, for tests of the record bundle);
 * otherwise every round, the awards and the 公示 with its certificates are replayed, and the judges
 * it adds log in with `password`.
 */
export async function seedCompetitionDemo(
  store: Store, office: RequestContext, options: { through: 'screening' } | { through?: 'all'; password: string },
): Promise<CompetitionDemoResult> {
  const rng = createRng('competition-2019');
  const at = (iso: string): RequestContext => ({ ...office, now: () => new Date(iso) });
  const program = await createProgram(store, at('2019-02-20T02:00:00Z'), competitionProgram());
  const units = await applicants(store, rng);
  // Every unit applies once; some units of the three industries twice or three times.
  const entries = [...units];
  for (const category of CATEGORIES) {
    const own = units.filter((u) => u.category === category);
    for (let i = 0; i < EXTRA_ACHIEVEMENTS[category]; i++) entries.push(own[rng.int(own.length)]!);
  }
  let day = 0;
  for (const unit of entries) {
    const category = unit.category ?? CATEGORIES[rng.int(3)]!;
    const applicant: RequestContext = {
      ...at(`2019-04-${String(1 + (day++ % 28)).padStart(2, '0')}T03:00:00Z`),
      actor: { id: null, name: `申报单位 ${unit.uscc}`, role: 'applicant', organisationUscc: unit.uscc },
    };
    const draft = await createApplication(store, applicant, program.id, {
      title: titleFor(rng, category), category,
      values: { summary: '成果围绕产业链关键环节，实现核心技术自主可控并形成规模化应用。', team: '项目团队', patents: 1 + rng.int(12) },
    });
    await submitApplication(store, applicant, draft.id);
  }

  // Screening: the rules on every application, then the office confirms each verdict.
  const screeningRound = program.rounds.find((r) => r.key === 'screening')!;
  const office6 = at('2019-06-05T02:00:00Z');
  await runScreening(store, office6, screeningRound.id);
  const verdicts = await verdictsOf(store.db, screeningRound.id);
  const perCategory: Record<string, number> = { ic: 0, ai: 0, bio: 0 };
  for (const v of verdicts) {
    const advance = v.verdict === 'eligible';
    const undecidable = v.verdict === 'unknown';
    await decideScreening(store, office6, screeningRound.id, {
      applicationId: v.application_id, outcome: advance ? 'advance' : 'reject',
      reasonCode: advance ? 'rule_passed' : undecidable ? 'incomplete' : 'rule_failed', note: undecidable ? '登记信息不全，无法判定' : '',
    });
    if (advance) perCategory[v.category ?? '']! += 1;
  }
  const closed = await closeRound(store, office6, screeningRound.id);
  const result: CompetitionDemoResult = {
    programId: program.id, units: new Set(entries.map((e) => e.uscc)).size, achievements: entries.length,
    screening: { advanced: closed.advanced, rejected: closed.rejected, perCategory },
  };
  if (options.through === 'screening') return result;

  const userId = (username: string) => userIdByName(store.db, username);
  const { reviewers, chairs } = await seedJudges(store, at('2019-09-01T02:00:00Z'), options.password, {
    expert: await userId('expert'), chair: await userId('chair'),
  });
  const round = (key: string) => program.rounds.find((r) => r.key === key)!.id;
  result.experts = reviewers.length;
  result.review = await replayScoring(store, at('2019-09-20T02:00:00Z'), round('review'), reviewers);
  result.final = await replayPanels(store, at('2019-10-24T01:00:00Z'), round('final'), reviewers, chairs);
  result.publication = await replayPublication(store, office, program.id, round('final'));
  return result;
}
