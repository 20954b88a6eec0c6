/**
 * After the final of the 2019 competition: honours recorded on the excellent achievements,
 * the awards decided against their quotas, the list announced (公示) with one objection upheld
 * and one dismissed, the final list, and a certificate for every holder on it.
 */
import { type AwardKind, createRng } from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { createAwardType, decideNomination, nominate } from '../awards/award.service.js';
import { setHonour } from '../rounds/panel/honour.service.js';
import { issueCertificates } from '../publication/certificate.service.js';
import { fileObjection, investigate, resolveObjection } from '../publication/objection.service.js';
import { entriesOf } from '../publication/publication.repository.js';
import { draftPublication, finalise, publish } from '../publication/publication.service.js';
import { qualityOf } from './competition-rounds.js';
import { advancedOf, countCertificates, demoOrganisations } from './demo.repository.js';

/** Award types with the quotas of 2019; nominations exceed them and the office grants in order of merit. */
const AWARDS: { key: string; kind: AwardKind; zh: string; en: string; quota: number; nominees: number }[] = [
  { key: 'medal', kind: 'individual_medal', zh: '立功竞赛奖章', en: 'Competition medal', quota: 43, nominees: 48 },
  { key: 'collective', kind: 'collective_title', zh: '立功竞赛先进集体', en: 'Outstanding collective', quota: 25, nominees: 28 },
  { key: 'unit', kind: 'unit_award', zh: '立功竞赛优秀单位', en: 'Outstanding unit', quota: 11, nominees: 13 },
  { key: 'organising', kind: 'organising_award', zh: '优秀组织奖', en: 'Organising award', quota: 10, nominees: 12 },
];
const GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];

export interface PublicationDemoResult {
  honours: { national: number; provincialMinisterial: number };
  awards: Record<string, { nominated: number; granted: number }>;
  announced: number;
  objections: { upheld: number; dismissed: number };
  finalEntries: number;
  certificates: number;
  publicationId: number;
}

export async function replayPublication(store: Store, office: RequestContext, programId: number, finalRoundId: number): Promise<PublicationDemoResult> {
  const rng = createRng('competition-2019-publication');
  const at = (iso: string): RequestContext => ({ ...office, now: () => new Date(iso) });
  const excellent = await advancedOf(store.db, finalRoundId);
  const merit = excellent.slice().sort((a, b) => qualityOf('competition-2019', b.id) - qualityOf('competition-2019', a.id) || a.id - b.id);

  // Honours the achievements already hold, as the units reported them: likelier for stronger work.
  const honours = { national: 0, provincialMinisterial: 0 };
  for (const [i, e] of merit.entries()) {
    const r = rng.next();
    const national = r < (i < 30 ? 0.3 : 0.05);
    const provincial = !national && r < (i < 30 ? 0.9 : 0.62);
    if (!national && !provincial) continue;
    await setHonour(store, at('2019-10-28T02:00:00Z'), e.id, { level: national ? 'national' : 'provincial_ministerial', note: '' });
    if (national) honours.national++;
    else honours.provincialMinisterial++;
  }

  // Awards: nominations from the excellent achievements' teams and units, granted in order of merit up to the quota.
  const awards: PublicationDemoResult['awards'] = {};
  const units = [...new Map(merit.map((e) => [e.uscc, e])).values()];
  const organisers = await demoOrganisations(store.db, { kind: 'other', limit: 20 });
  for (const a of AWARDS) {
    const type = await createAwardType(store, at('2019-10-29T02:00:00Z'), programId, { key: a.key, kind: a.kind, name: { zh: a.zh, en: a.en }, quota: a.quota });
    let granted = 0;
    for (let i = 0; i < a.nominees; i++) {
      const e = merit[i % merit.length]!;
      const nomination = a.kind === 'individual_medal'
        ? { person: { name: `${SURNAMES[rng.int(SURNAMES.length)]!}${GIVEN[rng.int(GIVEN.length)]!}`, organisation: e.name }, note: '' }
        : a.kind === 'collective_title' ? { applicationId: e.id, note: '' }
          : a.kind === 'unit_award' ? { uscc: units[i % units.length]!.uscc, note: '' }
            : { uscc: (organisers[i] ?? units[i % units.length]!).uscc, note: '' };
      const n = await nominate(store, at('2019-10-29T03:00:00Z'), type.id, nomination);
      const grant = granted < a.quota;
      await decideNomination(store, at('2019-10-30T02:00:00Z'), n.id, { outcome: grant ? 'granted' : 'declined', reason: grant ? '' : '名额已满，按评审排序未获授予' });
      if (grant) granted++;
    }
    awards[a.key] = { nominated: a.nominees, granted };
  }

  // 公示: seven days; two objections, one upheld (the entry leaves the list), one dismissed.
  const draft = await draftPublication(store, at('2019-10-31T02:00:00Z'), programId);
  await publish(store, at('2019-10-31T03:00:00Z'), draft.id, { startDate: '2019-11-01', endDate: '2019-11-07' });
  const listed = (await entriesOf(store.db, draft.id, true)).filter((e) => e.kind === 'achievement');
  const contested = listed[Math.floor(listed.length / 3)]!;
  const defended = listed[Math.floor((2 * listed.length) / 3)]!;
  const during = at('2019-11-03T02:00:00Z');
  const upheld = await fileObjection(store, during, draft.id, {
    entryId: contested.id, name: '王建华', contact: '13800000001', grounds: '该成果的核心专利权属存在争议，已进入诉讼程序。',
  }, null);
  const dismissed = await fileObjection(store, during, draft.id, {
    entryId: defended.id, name: '李晓东', contact: '13800000002', organisation: '某科技公司', grounds: '该成果与我单位产品类似，怀疑存在抄袭。',
  }, null);
  const office5 = at('2019-11-05T02:00:00Z');
  await investigate(store, office5, upheld.id, { note: '调取专利登记簿及法院受理通知书' });
  await resolveObjection(store, at('2019-11-06T02:00:00Z'), upheld.id, {
    outcome: 'upheld', reason: '专利权属纠纷尚在诉讼中，暂不列入优秀成果名单', decision: { action: 'remove' },
  });
  await investigate(store, office5, dismissed.id, { note: '比对双方技术文件，请专家组复核' });
  await resolveObjection(store, at('2019-11-06T03:00:00Z'), dismissed.id, { outcome: 'dismissed', reason: '技术路线与实现方式不同，不构成抄袭' });
  const final = await finalise(store, at('2019-11-08T02:00:00Z'), draft.id);
  await issueCertificates(store, at('2019-11-10T02:00:00Z'), final.id);
  const finalEntries = (await entriesOf(store.db, final.id, true)).length;
  const certificates = await countCertificates(store.db, final.id);
  return {
    honours, awards, announced: listed.length, objections: { upheld: 1, dismissed: 1 }, finalEntries, certificates: Number(certificates), publicationId: final.id,
  };
}
