/**
 * Designations through the API on both databases: grants on a day, dated steps with their rules and
 * translated refusals, holders on a day, the registry's filter, the import, the audit trail, and
 * the migration of legacy rows (granted_year / ended_year) into events.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { legacyDesignationEvents } from '../src/db/migration-0010.js';
import ExcelJS from '../src/files/exceljs.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, startHarness } from './harness.js';

interface EventBody { kind: string; day: string; tier: string | null; fromTier: string | null; grade: string | null; reason: string | null; source: string | null; decisionRef: string | null }
interface DesignationBody { id: number; uscc: string; title: string; tier: string; status: string; grantedOn: string; validUntil: string | null; endedOn: string | null; events: EventBody[] }
interface ErrorBody { error: { code: string; field?: string; message: string; errors: { code: string; field?: string }[] } }
const err = (res: LightMyRequestResponse) => (res.json() as ErrorBody).error;
const THIRD_USCC = '91310104MA1GT0002W';

function form(name: string, content: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([content]), name);
  return fd;
}

describe.each(DATABASES)('designations on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let applicant: Client;
  let auditor: Client;
  let centreId = 0;
  const post = (c: Client, url: string, payload: Record<string, unknown>) => c.request({ method: 'POST', url, payload });
  const designationsOf = async (c: Client, uscc: string) =>
    ((await c.request({ method: 'GET', url: `/api/organisations/${uscc}/designations` })).json() as { items: DesignationBody[] }).items;

  beforeAll(async () => {
    h = await startHarness(database);
    staff = await h.login('staff');
    applicant = await h.login('applicant');
    auditor = await h.login('auditor');
    expect((await post(staff, '/api/organisations', { uscc: THIRD_USCC, name: '第三示例有限公司', district: '徐汇' })).statusCode).toBe(201);
  });
  afterAll(async () => h.dispose());

  it('grants a title on a calendar day, with its source, and shows it with its history', async () => {
    const noSource = await post(staff, '/api/designations', { uscc: OWN_USCC, title: 'tech_center', tier: 'district', grantedOn: '2019-06-30' });
    expect(err(noSource)).toMatchObject({ code: 'DESIGNATION_SOURCE_REQUIRED', field: 'source' });
    const badTier = await post(staff, '/api/designations', { uscc: OWN_USCC, title: 'tech_center', tier: 'shanghai', grantedOn: '2019-06-30', source: 'x' });
    expect(err(badTier)).toMatchObject({ code: 'DESIGNATION_TIER_UNKNOWN', message: '“shanghai”不是企业技术中心的层级（可选：国家级、市级、区级）' });
    const future = await post(staff, '/api/designations', { uscc: OWN_USCC, title: 'tech_center', tier: 'district', grantedOn: '2026-11-26', decisionRef: '嘉经委〔2026〕1号' });
    expect(err(future)).toMatchObject({ code: 'DATE_IN_FUTURE', message: '日期2026-11-26晚于今天（2026-11-25）' });

    const granted = await post(staff, '/api/designations', { uscc: OWN_USCC, title: 'tech_center', tier: 'district', grantedOn: '2019-06-30', decisionRef: '嘉经委〔2019〕12号' });
    expect(granted.statusCode).toBe(201);
    const d = granted.json() as DesignationBody;
    centreId = d.id;
    expect(d).toMatchObject({ uscc: OWN_USCC, title: 'tech_center', tier: 'district', status: 'active', grantedOn: '2019-06-30', validUntil: null });
    expect(d.events).toEqual([expect.objectContaining({ kind: 'granted', day: '2019-06-30', tier: 'district', fromTier: null, decisionRef: '嘉经委〔2019〕12号' })]);
    expect(await designationsOf(applicant, OWN_USCC)).toEqual([d]);
    expect((await applicant.request({ method: 'GET', url: `/api/organisations/${OTHER_USCC}/designations` })).statusCode).toBe(403);
  });

  it('records dated steps in order, refusing what the history does not allow', async () => {
    const step = (body: Record<string, unknown>) => post(staff, `/api/designations/${centreId}/events`, body);
    expect((await step({ kind: 'tier_changed', day: '2021-07-01', tier: 'municipal', decisionRef: '沪经信技〔2021〕300号' })).statusCode).toBe(201);
    const order = await step({ kind: 'evaluated', day: '2021-01-01', grade: 'good' });
    expect(err(order)).toMatchObject({ code: 'DESIGNATION_EVENT_ORDER', field: 'day' });
    expect(err(await step({ kind: 'reinstated', day: '2022-01-01' }))).toMatchObject({ code: 'DESIGNATION_EVENT_NOT_ALLOWED' });
    expect(err(await step({ kind: 'evaluated', day: '2023-05-10', grade: '优秀' })).code).toBe('VALUE_UNKNOWN');
    expect((await step({ kind: 'evaluated', day: '2023-05-10', grade: 'fail', reason: '研发投入下降' })).statusCode).toBe(201);
    expect((await step({ kind: 'suspended', day: '2023-06-01', reason: '评价不合格，限期整改' })).statusCode).toBe(201);
    expect((await step({ kind: 'reinstated', day: '2024-01-15', reason: '整改完成' })).statusCode).toBe(201);
    const revoked = await step({ kind: 'revoked', day: '2025-03-31', reason: '连续两次评价不合格', decisionRef: '沪经信技〔2025〕45号' });
    expect(revoked.statusCode).toBe(201);
    expect(revoked.json()).toMatchObject({ status: 'revoked', endedOn: '2025-03-31', tier: 'municipal' });
    const after = await step({ kind: 'evaluated', day: '2025-06-01', grade: 'pass' });
    expect(after.statusCode).toBe(409);
    expect(err(after)).toMatchObject({ code: 'DESIGNATION_ENDED', message: '该认定已于2025-03-31终止，之后不能再记录任何事项' });
    expect((await post(staff, '/api/designations/999999/events', { kind: 'expired', day: '2025-01-01' })).statusCode).toBe(404);
    expect((await post(applicant, `/api/designations/${centreId}/events`, { kind: 'expired', day: '2025-01-01' })).statusCode).toBe(403);

    const [d] = await designationsOf(staff, OWN_USCC);
    expect(d?.events.map((e) => [e.kind, e.day, e.tier, e.fromTier, e.grade])).toEqual([
      ['granted', '2019-06-30', 'district', null, null],
      ['tier_changed', '2021-07-01', 'municipal', 'district', null],
      ['evaluated', '2023-05-10', null, null, 'fail'],
      ['suspended', '2023-06-01', null, null, null],
      ['reinstated', '2024-01-15', null, null, null],
      ['revoked', '2025-03-31', null, null, null],
    ]);
    const row = await h.store.db.selectFrom('designations').selectAll().where('id', '=', centreId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'revoked', tier: 'municipal', granted_on: '2019-06-30', ended_on: '2025-03-31', ended_year: 2025 });
  });

  it('lists the holders on a day and filters the registry by it', async () => {
    // The other organisation: a municipal centre since 2020, and a TOP100 listing valid one year.
    expect((await post(staff, '/api/designations', { uscc: OTHER_USCC, title: 'tech_center', tier: 'municipal', grantedOn: '2020-12-01', source: '沪经信技〔2020〕500号公告' })).statusCode).toBe(201);
    const earlier = await post(staff, '/api/designations', { uscc: OTHER_USCC, title: 'tech_center', tier: 'district', grantedOn: '2015-01-01', source: '区经委名单' });
    expect(err(earlier)).toMatchObject({ code: 'DESIGNATION_EVENT_ORDER', field: 'grantedOn' });
    const listing = (await post(staff, '/api/designations', { uscc: OTHER_USCC, title: 'top100_listing', tier: 'listed', grantedOn: '2025-04-01', source: '2024年TOP100榜单' })).json() as DesignationBody;
    expect(listing.validUntil).toBe('2026-04-01');
    expect(listing.status).toBe('expired');

    const holders = async (query: string) => {
      const res = await auditor.request({ method: 'GET', url: `/api/designations?${query}` });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { uscc: string; name: string; tier: string }[] }).items.map((i) => [i.uscc, i.tier]).sort((a, b) => String(a).localeCompare(String(b)));
    };
    expect(await holders('title=tech_center&on=2020-06-30')).toEqual([[OWN_USCC, 'district']]);
    expect(await holders('title=tech_center&tier=municipal&on=2022-01-01')).toEqual([[OTHER_USCC, 'municipal'], [OWN_USCC, 'municipal']]);
    expect(await holders('title=tech_center&on=2023-08-01')).toEqual([[OTHER_USCC, 'municipal']]); // suspended
    expect(await holders('title=tech_center&tier=municipal&on=2024-02-01')).toEqual([[OTHER_USCC, 'municipal'], [OWN_USCC, 'municipal']]);
    expect(await holders('title=tech_center')).toEqual([[OTHER_USCC, 'municipal']]); // today: OWN's was revoked
    expect(await holders('title=top100_listing&on=2026-03-31')).toEqual([[OTHER_USCC, 'listed']]);
    expect(await holders('title=top100_listing&on=2026-04-01')).toEqual([]);

    const registry = async (query: string) => {
      const res = await staff.request({ method: 'GET', url: `/api/organisations?${query}` });
      return res.statusCode === 200 ? (res.json() as { items: { uscc: string }[] }).items.map((o) => o.uscc).sort() : err(res).code;
    };
    expect(await registry('designation=tech_center:district&designationOn=2020-01-01')).toEqual([OWN_USCC]);
    expect(await registry('designation=tech_center&designationOn=2022-01-01')).toEqual([OTHER_USCC, OWN_USCC].sort());
    expect(await registry('designation=tech_center')).toEqual([OTHER_USCC]);
    expect(await registry('designation=tech_center:municipal&designationOn=2019-12-31')).toEqual([]);
    expect(await registry('designation=tech_center:shanghai')).toBe('DESIGNATION_FILTER');
    const exported = await staff.request({ method: 'GET', url: '/api/organisations/export.xlsx?designation=tech_center:district&designationOn=2020-01-01' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getColumn(1).values.slice(2)).toEqual([OWN_USCC]);
    expect(await registry('designation=tech_center&designationOn=2023-02-30')).toBe('VALIDATION');
  });

  it('imports titles granted elsewhere from a file: previews, refuses bad rows, then writes all with one audit entry', async () => {
    const header = '统一社会信用代码,认定称号,层级,认定日期,来源\n';
    const bad = `${header}${THIRD_USCC},质量标杆,上海市,2022/9/1,2022年上海市质量标杆名单\n${THIRD_USCC},诺贝尔奖,国家级,2022-09-01,x\n91310115MA1H7BXX1X,专精特新“小巨人”企业,市级,2023-01-01,y\n${OTHER_USCC},tech_center,national,2030-01-01,z\n`;
    const dry = await staff.request({ method: 'POST', url: '/api/designations/import?dryRun=true', payload: form('titles.csv', bad) });
    const report = dry.json() as { rows: number; errors: { row: number; field: string; code: string }[]; imported: boolean };
    expect(report.rows).toBe(4);
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, 'designation', 'DESIGNATION_TITLE_UNKNOWN'], [4, 'uscc', 'USCC_CHECK_CHARACTER']]);
    expect(report.imported).toBe(false);

    const second = `${header}${THIRD_USCC},质量标杆,上海市,2022/9/1,2022年上海市质量标杆名单\n${OTHER_USCC},tech_center,national,2026-10-01,国家发展改革委2026年第1号公告\n${THIRD_USCC},little_giant,市级,2023-01-01,\n`;
    const auditBefore = Number((await h.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'designation.import').executeTakeFirstOrThrow()).n);
    const ok = await staff.request({ method: 'POST', url: '/api/designations/import?dryRun=false', payload: form('titles.csv', second) });
    expect(ok.json()).toMatchObject({ imported: true, rows: 3, created: 2, updated: 1, errors: [] });
    const auditAfter = Number((await h.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'designation.import').executeTakeFirstOrThrow()).n);
    expect(auditAfter).toBe(auditBefore + 1);

    const third = await designationsOf(staff, THIRD_USCC);
    expect(third.map((d) => [d.title, d.tier, d.grantedOn, d.validUntil, d.events[0]?.source])).toEqual(expect.arrayContaining([
      ['quality_benchmark', 'shanghai', '2022-09-01', null, '2022年上海市质量标杆名单'],
      ['little_giant', 'municipal', '2023-01-01', '2026-01-01', 'titles.csv'],
    ]));
    // The other organisation held a municipal centre: the national one is a renewal in another tier, same designation.
    const centre = (await designationsOf(staff, OTHER_USCC)).find((d) => d.title === 'tech_center');
    expect(centre?.events.map((e) => [e.kind, e.day, e.tier, e.fromTier])).toEqual([
      ['granted', '2020-12-01', 'municipal', null], ['granted', '2026-10-01', 'national', 'municipal'],
    ]);
    expect(centre?.tier).toBe('national');
  });

  it('gives a template whose columns the import reads, in the reader\'s language', async () => {
    const res = await staff.request({ method: 'GET', url: '/api/designations/template.xlsx' });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]?.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toEqual([['统一社会信用代码', '认定称号', '层级', '认定日期', '来源'], ['91310115798931231K', '企业技术中心', '市级', '2024-03-01', '2024年认定名单公告']]);
    expect(workbook.worksheets[1]?.rowCount).toBe(6);
    const csv = (rows?.map((r) => r.join(',')).join('\n') ?? '').replace(OTHER_USCC, THIRD_USCC);
    const dry = await staff.request({ method: 'POST', url: '/api/designations/import?dryRun=true', payload: form('from-template.csv', csv) });
    expect(dry.json()).toMatchObject({ rows: 1, valid: 1, errors: [], imported: false });
  });

  it('keeps every write in the audit trail, chain intact', async () => {
    const admin = await h.login('admin');
    const list = await admin.request({ method: 'GET', url: `/api/audit?subjectType=organisation&subjectId=${OWN_USCC}&pageSize=50` });
    const actions = (list.json() as { items: { action: string }[] }).items.map((e) => e.action).filter((a) => a.startsWith('designation.'));
    expect(actions.sort()).toEqual([
      'designation.event.evaluated', 'designation.event.reinstated', 'designation.event.revoked', 'designation.event.suspended',
      'designation.event.tier_changed', 'designation.grant',
    ]);
    const revoked = (list.json() as { items: { action: string; before: unknown; after: Record<string, unknown> }[] }).items.find((e) => e.action === 'designation.event.revoked');
    expect(revoked?.before).toMatchObject({ status: 'active', tier: 'municipal' });
    expect(revoked?.after).toMatchObject({ title: 'tech_center', status: 'revoked', step: { kind: 'revoked', day: '2025-03-31', decisionRef: '沪经信技〔2025〕45号' } });
    expect(revoked?.after).not.toHaveProperty('events');
    expect((await admin.request({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
  });

  it('turns legacy rows (granted year, ended year) into dated events', async () => {
    const at = '2020-01-01T00:00:00.000Z';
    const legacy = await outsideAudit('test: rows as migration 0010 found them', () => h.store.db.insertInto('designations').values([
      { uscc: THIRD_USCC, title: 'innovation_demo', tier: 'national', granted_year: 2016, status: 'active', ended_year: null, note: null, is_demo: 0, created_at: at, updated_at: at, granted_on: null, valid_until: null, ended_on: null, validity_years: null },
      { uscc: THIRD_USCC, title: 'tech_center', tier: 'district', granted_year: 2012, status: 'revoked', ended_year: 2018, note: '停产', is_demo: 0, created_at: at, updated_at: at, granted_on: null, valid_until: null, ended_on: null, validity_years: null },
    ]).returning('id').execute());
    await outsideAudit('test: the migration', async () => {
      await legacyDesignationEvents(h.store.db);
      await legacyDesignationEvents(h.store.db); // idempotent
    });
    const byId = new Map((await designationsOf(staff, THIRD_USCC)).map((d) => [d.id, d]));
    const [demo, centre] = legacy.map((r) => byId.get(r.id));
    expect(demo).toMatchObject({ status: 'active', grantedOn: '2016-01-01' });
    expect(demo?.events.map((e) => [e.kind, e.day, e.source])).toEqual([['granted', '2016-01-01', '历史数据/legacy import']]);
    expect(centre).toMatchObject({ status: 'revoked', endedOn: '2018-12-31' });
    expect(centre?.events.map((e) => [e.kind, e.day, e.reason])).toEqual([['granted', '2012-01-01', null], ['revoked', '2018-12-31', '停产']]);
  });
});
