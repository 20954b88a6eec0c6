/** The expert pool through the API and the CLI: CRUD with audit, import (good, bad, dry run), template, conflicts. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticOrganisations } from '@keping/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import ExcelJS from '../src/files/exceljs.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, startHarness } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-experts-'));
const ctx = systemContext('zh-CN', () => new Date('2026-11-25T02:00:00Z'));
// Registered in beforeAll next to the harness's two; UNREGISTERED never is.
const [THIRD, UNREGISTERED] = syntheticOrganisations({ count: 2, seed: 'experts-test', untilYear: 2024 });

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function xlsx(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  rows.forEach((r) => ws.addRow(r));
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

function form(path: string, name: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(readFileSync(path))]), name);
  return fd;
}

interface ErrorBody { error: { code: string; field?: string; message: string; errors: { code: string; field?: string; message: string }[] } }
interface ImportBody {
  rows: number; valid: number; dryRun: boolean; imported: boolean; created: number; updated: number;
  errors: { row: number; field: string; code: string; message: string; value?: string }[];
}
interface ExpertBody {
  id: number; name: string; tags: string[]; groups: string[]; talentFields: string[]; employerName: string | null; active: boolean;
  unavailable: { from: string; to: string }[]; email: string | null; userId: number | null;
}

async function count(store: Store, table: 'experts' | 'audit_log' | 'expert_unavailability' | 'imports'): Promise<number> {
  return Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(DATABASES)('expert pool on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let auditor: Client;
  /** Speaks English: the session's language wins over Accept-Language. */
  let admin: Client;
  const created: Record<string, number> = {};
  const post = (c: Client, url: string, payload: object) => c.request({ method: 'POST', url, payload });
  const counts = async () => ({
    experts: await count(h.store, 'experts'), audit: await count(h.store, 'audit_log'),
    ranges: await count(h.store, 'expert_unavailability'), imports: await count(h.store, 'imports'),
  });

  beforeAll(async () => {
    h = await startHarness(database);
    await createOrganisation(h.store, ctx, { uscc: THIRD?.uscc, name: '第三示例有限公司' });
    staff = await h.login('staff');
    auditor = await h.login('auditor');
    admin = await h.login('admin');
    expect((await admin.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en' } })).statusCode).toBe(200);
  });
  afterAll(async () => h.dispose());

  it('creates an expert, audited, with tags normalised and the employer named from the registry', async () => {
    const before = await counts();
    const res = await post(staff, '/api/experts', {
      name: '张 建国', professionalTitle: '教授', employerUscc: OWN_USCC, tags: ['集成电路', '芯片设计'],
      unavailable: [{ from: '2026-12-01', to: '2026-12-20' }], email: 'Zhang@Example.org', phone: '13800138000',
    });
    expect(res.statusCode).toBe(201);
    const e = res.json() as ExpertBody;
    created.zhang = e.id;
    expect(e).toMatchObject({ name: '张 建国', employerName: '申报示例有限公司', tags: ['ic', '芯片设计'], groups: ['ic'], talentFields: ['ic'], email: 'zhang@example.org', active: true });
    expect(e.unavailable).toEqual([{ from: '2026-12-01', to: '2026-12-20' }]);
    expect(await counts()).toEqual({ ...before, experts: before.experts + 1, audit: before.audit + 1, ranges: before.ranges + 1 });
    const audit = await h.store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'expert.create', subject_type: 'expert', subject_id: String(e.id), actor_name: 'staff' });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ name: '张 建国', employerUscc: OWN_USCC, tags: ['ic', '芯片设计'] });
  });

  it('refuses bad input with translated errors naming each field, writing nothing', async () => {
    const before = await counts();
    const res = await post(admin, '/api/experts', {
      name: '', employerUscc: `${OWN_USCC.slice(0, 17)}0`, email: 'not-an-email',
      shareholdings: [{ organisationUscc: OTHER_USCC, percent: 120 }], unavailable: [{ from: '2026-05-02', to: '2026-05-01' }],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'email:EMAIL_FORMAT', 'employerUscc:USCC_CHECK_CHARACTER', 'name:REQUIRED', 'shareholdings.0.percent:EXPERT_PERCENT_RANGE',
      'unavailable.0.to:EXPERT_DATE_RANGE',
    ]);
    expect(body.error.errors.find((e) => e.field === 'name')?.message).toBe('Name is required');
    const zh = (await post(staff, '/api/experts', { name: 'x', shareholdings: [{ organisationUscc: OTHER_USCC, percent: 120 }] })).json() as ErrorBody;
    expect(zh.error.message).toBe('持股比例“120”应为大于0且不超过100的百分数');
    // Shape errors from the schema are translated too, never a 500.
    const shape = await post(admin, '/api/experts', { name: 'x', available: 'yes', tags: 'ic' });
    expect(shape.statusCode).toBe(400);
    expect((shape.json() as ErrorBody).error.errors.map((e) => e.field).sort()).toEqual(['available', 'tags']);
    // The account link must be an expert-role user held by no other expert; e-mails are unique in the pool.
    const users = await h.store.db.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (u: string) => users.find((x) => x.username === u)?.id;
    const wrongRole = (await post(admin, '/api/experts', { name: 'x', userId: idOf('staff') })).json() as ErrorBody;
    expect(wrongRole.error).toMatchObject({ code: 'EXPERT_USER_ROLE', field: 'userId', message: 'User account staff does not have the expert role' });
    expect(((await post(staff, '/api/experts', { name: 'x', userId: 99999 })).json() as ErrorBody).error).toMatchObject({ code: 'EXPERT_USER_UNKNOWN', field: 'userId' });
    const taken = await post(staff, '/api/experts', { name: 'x', email: 'ZHANG@example.org' });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as ErrorBody).error).toMatchObject({ code: 'EXPERT_EMAIL_TAKEN', field: 'email', message: '邮箱zhang@example.org已属于专家张 建国' });
    expect(await counts()).toEqual(before);
  });

  it('edits (audited as a diff), links an account, lists, searches, filters and pages', async () => {
    const expertUser = (await h.store.db.selectFrom('users').select('id').where('username', '=', 'expert').executeTakeFirstOrThrow()).id;
    const id = created.zhang ?? 0;
    const res = await staff.request({
      method: 'PUT', url: `/api/experts/${id}`,
      payload: { name: '张建国', professionalTitle: '教授', employerUscc: OWN_USCC, tags: ['集成电路', '人工智能'], email: 'zhang@example.org', phone: '13800138000', userId: expertUser, unavailable: [{ from: '2026-12-01', to: '2026-12-20' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '张建国', tags: ['ic', 'ai'], userId: expertUser, employerName: '申报示例有限公司' });
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'expert.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? '{}')).toEqual({ name: '张 建国', tags: ['ic', '芯片设计'], userId: null });
    expect(JSON.parse(audit.after ?? '{}')).toEqual({ name: '张建国', tags: ['ic', 'ai'], userId: expertUser });
    const again = await staff.request({ method: 'POST', url: '/api/experts', payload: { name: '另一位', userId: expertUser } });
    expect(again.statusCode).toBe(409);

    for (const [name, tags, available] of [['李明', ['生物医药'], true], ['王芳', ['Software', '工业软件'], false], ['赵强', ['ai'], true]] as const) {
      const r = await post(staff, '/api/experts', { name, tags, available, employerName: '某大学' });
      created[name] = (r.json() as ExpertBody).id;
    }
    const list = async (query: string) => ((await auditor.request({ method: 'GET', url: `/api/experts?${query}` })).json() as { items: ExpertBody[]; total: number });
    expect((await list('')).total).toBe(4);
    expect((await list('q=建国')).items.map((e) => e.name)).toEqual(['张建国']);
    expect((await list(`q=${encodeURIComponent('人工智能')}`)).items.map((e) => e.name).sort()).toEqual(['张建国', '赵强'].sort());
    expect((await list('tag=software')).items.map((e) => e.name)).toEqual(['王芳']);
    expect((await list(`tag=${encodeURIComponent('工业软件')}`)).items.map((e) => e.name)).toEqual(['王芳']);
    expect((await list('available=false')).items.map((e) => e.name)).toEqual(['王芳']);
    expect((await list('availableOn=2026-12-10')).items.map((e) => e.name).sort()).toEqual(['李明', '赵强'].sort());
    expect((await list('availableOn=2026-12-21')).total).toBe(3);
    const page = await list('pageSize=3&page=2');
    expect([page.total, page.items.length]).toEqual([4, 1]);
    const bad = await admin.request({ method: 'GET', url: '/api/experts?availableOn=2026-13-01' });
    expect((bad.json() as ErrorBody).error).toMatchObject({ code: 'DATE_FORMAT', field: 'availableOn', message: '"2026-13-01" is not a date (write YYYY-MM-DD)' });
    expect((await auditor.request({ method: 'GET', url: `/api/experts/${id}` })).json()).toMatchObject({ id, name: '张建国' });
    expect((await auditor.request({ method: 'GET', url: '/api/experts/999999' })).statusCode).toBe(404);
  });

  it('deactivates and re-activates, each audited once; inactive experts leave the list', async () => {
    const id = created['赵强'] ?? 0;
    const audits = await count(h.store, 'audit_log');
    expect((await post(staff, `/api/experts/${id}/deactivate`, {})).json()).toMatchObject({ active: false });
    expect((await post(staff, `/api/experts/${id}/deactivate`, {})).statusCode).toBe(200);
    expect(await count(h.store, 'audit_log')).toBe(audits + 1);
    const active = (await staff.request({ method: 'GET', url: '/api/experts' })).json() as { items: ExpertBody[] };
    expect(active.items.map((e) => e.name)).not.toContain('赵强');
    const inactive = (await staff.request({ method: 'GET', url: '/api/experts?status=inactive' })).json() as { items: ExpertBody[] };
    expect(inactive.items.map((e) => e.name)).toEqual(['赵强']);
    expect((await post(staff, `/api/experts/${id}/activate`, {})).json()).toMatchObject({ active: true });
    const history = (await auditor.request({ method: 'GET', url: `/api/experts/${id}/history` })).json() as { entries: { action: string }[] };
    expect(history.entries.map((e) => e.action)).toEqual(['expert.activate', 'expert.deactivate', 'expert.create']);
    expect((await post(auditor, `/api/experts/${id}/deactivate`, {})).statusCode).toBe(403);
  });

  it('serves an XLSX template whose headers the import reads', async () => {
    const res = await staff.request({ method: 'GET', url: '/api/experts/template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['姓名', '职称', '工作单位统一社会信用代码', '工作单位', '专业领域', '持股单位', '手机', '邮箱']);
  });

  it('imports a good XLSX with Chinese headers; a CSV with English headers updates by e-mail', async () => {
    const before = await counts();
    const path = await xlsx('good.xlsx', [
      ['姓名', '职称', '工作单位统一社会信用代码', '工作单位', '专业领域', '持股单位', '手机', '邮箱'],
      ['陈静', '研究员', OTHER_USCC, '', '生物医药、临床试验', `${THIRD?.uscc}:5%`, 13900139000, 'chen@example.org'],
      ['周杰', '高级工程师', '', '某研究院', '集成电路;先进材料', '', '', 'zhou@example.org'],
    ]);
    const res = await staff.request({ method: 'POST', url: '/api/experts/import?dryRun=0', payload: form(path, 'good.xlsx') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, valid: 2, errors: [], imported: true, created: 2, updated: 0 });
    const chen = await h.store.db.selectFrom('experts').selectAll().where('email', '=', 'chen@example.org').executeTakeFirstOrThrow();
    expect(chen).toMatchObject({ employer_name: '其他示例有限公司', tags: ',biomedicine,临床试验,', phone: '13900139000' });
    expect(JSON.parse(chen.shareholdings)).toEqual([{ organisationUscc: THIRD?.uscc, percent: 5 }]);
    expect(await counts()).toEqual({ ...before, experts: before.experts + 2, audit: before.audit + 1, imports: before.imports + 1 });
    const audit = await h.store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.action).toBe('expert.import');
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ rows: 2, created: 2, updated: 0 });

    const update = csv('update.csv', ['name,title,employer,tags,email', '陈静,首席科学家,某医院,biomedicine,CHEN@example.org']);
    const second = await staff.request({ method: 'POST', url: '/api/experts/import?dryRun=false', payload: form(update, 'update.csv') });
    expect(second.json()).toMatchObject({ imported: true, created: 0, updated: 1 });
    const chen2 = await h.store.db.selectFrom('experts').selectAll().where('id', '=', chen.id).executeTakeFirstOrThrow();
    // Both employer columns change together; shareholdings and phone, absent from the file, are kept.
    expect(chen2).toMatchObject({ professional_title: '首席科学家', employer_name: '某医院', employer_uscc: null, tags: ',biomedicine,', phone: '13900139000' });
    expect(chen2.shareholdings).toBe(chen.shareholdings);
    const history = (await auditor.request({ method: 'GET', url: `/api/experts/${chen.id}/history` })).json() as { entries: { action: string }[] };
    expect(history.entries.map((e) => e.action)).toEqual(['expert.import']);
  });

  it('rejects a file with errors, listing each row, field and code, and writes nothing', async () => {
    const before = await counts();
    const path = csv('bad.csv', [
      '姓名,职称,工作单位统一社会信用代码,专业领域,持股单位,手机,邮箱',
      ',教授,,,,,',
      `李雷,教授,${OWN_USCC.slice(0, 17)}0,,,,`,
      '韩梅梅,教授,,,不是代码,,',
      `吴刚,教授,,,${OTHER_USCC}:150%,,`,
      '孙丽,教授,,,,call me,nope',
      '钱多,教授,,,,,dup@example.org',
      '钱多多,教授,,,,,DUP@example.org',
      '刘洋,教授,,,,,ok@example.org',
    ]);
    const res = await admin.request({ method: 'POST', url: '/api/experts/import?dryRun=0', payload: form(path, 'bad.csv') });
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportBody;
    expect(report).toMatchObject({ rows: 8, valid: 2, imported: false });
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'name', 'REQUIRED'],
      [3, 'employer_uscc', 'USCC_CHECK_CHARACTER'],
      [4, 'shareholdings', 'EXPERT_SHAREHOLDING_FORMAT'],
      [5, 'shareholdings', 'EXPERT_PERCENT_RANGE'],
      [6, 'phone', 'PHONE_FORMAT'],
      [6, 'email', 'EMAIL_FORMAT'],
      [8, 'email', 'EXPERT_DUPLICATE_IN_FILE'],
    ]);
    expect(report.errors[6]?.message).toBe('This expert already appears in row 7 of the file');
    expect(report.errors[0]?.message).toBe('Name is required');
    expect(await counts()).toEqual(before);

    const headers = csv('headers.csv', ['name,salary,email', '甲,1,a@example.org']);
    const bad = (await staff.request({ method: 'POST', url: '/api/experts/import?dryRun=0', payload: form(headers, 'headers.csv') })).json() as ImportBody;
    expect(bad.errors.map((e) => [e.row, e.field, e.code, e.value])).toEqual([[1, 'header', 'HEADER_UNKNOWN', 'salary']]);
    const noName = (await staff.request({ method: 'POST', url: '/api/experts/import', payload: form(csv('nn.csv', ['email', 'a@example.org']), 'nn.csv') })).json() as ImportBody;
    expect(noName.errors.map((e) => [e.field, e.code])).toEqual([['header', 'HEADER_MISSING']]);
    const wrongType = await staff.request({ method: 'POST', url: '/api/experts/import', payload: form(headers, 'experts.txt') });
    expect((wrongType.json() as ErrorBody).error.code).toBe('FILE_TYPE');
    expect(await counts()).toEqual(before);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await counts();
    const path = csv('dry.csv', ['name,email', '新人,new@example.org', '陈静,chen@example.org']);
    const res = await staff.request({ method: 'POST', url: '/api/experts/import?dryRun=1', payload: form(path, 'dry.csv') });
    expect(res.json()).toMatchObject({ rows: 2, valid: 2, errors: [], dryRun: true, imported: false, created: 1, updated: 1 });
    const byDefault = await staff.request({ method: 'POST', url: '/api/experts/import', payload: form(path, 'dry.csv') });
    expect(byDefault.json()).toMatchObject({ dryRun: true, imported: false });
    expect(await counts()).toEqual(before);
  });

  it('computes conflicts against registry organisations: employer, past employer, shareholding, declared, named', async () => {
    const make = async (payload: object) => (await post(staff, '/api/experts', payload)).json() as ExpertBody;
    const ids = {
      employer: (await make({ name: '甲专家', employerUscc: OTHER_USCC })).id,
      byName: (await make({ name: '乙专家', employerName: '第三示例有限公司' })).id,
      past: (await make({ name: '丙专家', employment: [
        { organisationUscc: OTHER_USCC, from: '2015-01-01', to: '2025-01-01' }, { organisationUscc: THIRD?.uscc, to: '2020-06-30' },
      ] })).id,
      shares: (await make({ name: '丁专家', shareholdings: [{ organisationUscc: OTHER_USCC, percent: 3 }] })).id,
      declared: (await make({ name: '戊专家', declared: [
        { organisationUscc: THIRD?.uscc, reason: '曾任该单位顾问' }, { personName: '王 五', reason: '师生关系' },
      ] })).id,
      inactive: (await make({ name: '己专家', employerUscc: OTHER_USCC })).id,
    };
    await post(staff, `/api/experts/${ids.inactive}/deactivate`, {});
    const body = { subjects: [{ uscc: OTHER_USCC, people: ['王五'] }, { uscc: THIRD?.uscc ?? '', people: ['李明'] }], asOf: '2026-11-25' };
    const res = await post(auditor, '/api/experts/conflicts', body);
    expect(res.statusCode).toBe(200);
    const report = res.json() as {
      formerEmployerSince: string; conflicts: { expertId: number; expertName: string; uscc: string; causes: { reason: string; via: string; declaredReason?: string; message: string }[] }[];
      counts: Record<string, number>;
    };
    expect(report.formerEmployerSince).toBe('2023-11-25');
    const pairs = report.conflicts.map((c) => `${c.expertName}×${c.uscc === OTHER_USCC ? 'OTHER' : 'THIRD'}:${c.causes.map((x) => x.reason).join('+')}`);
    // 陈静 holds shares in THIRD (imported above); 李明 is named on THIRD's entry; 张建国 works at OWN, not under review.
    expect(pairs.sort()).toEqual([
      '丁专家×OTHER:shareholding', '丙专家×OTHER:former_employer', '乙专家×THIRD:same_organisation', '戊专家×OTHER:declared',
      '戊专家×THIRD:declared', '李明×THIRD:named_person', '甲专家×OTHER:same_organisation', '陈静×THIRD:shareholding',
    ].sort());
    const declared = report.conflicts.filter((c) => c.expertId === ids.declared).map((c) => c.causes[0]?.declaredReason);
    expect(declared.sort()).toEqual(['师生关系', '曾任该单位顾问'].sort());
    const employer = report.conflicts.find((c) => c.expertId === ids.employer);
    expect(employer?.causes[0]?.message).toBe(`甲专家 任职于 其他示例有限公司（${OTHER_USCC}）`);
    const byName = report.conflicts.find((c) => c.expertId === ids.byName);
    expect(byName?.causes[0]).toMatchObject({ via: '第三示例有限公司', message: `乙专家 任职于 第三示例有限公司（${THIRD?.uscc}）` });
    const past = report.conflicts.find((c) => c.expertId === ids.past);
    expect(past?.causes[0]?.message).toBe(`丙专家 曾任职于 其他示例有限公司（${OTHER_USCC}）（至 2025-01-01），在回避期限内`);
    const person = report.conflicts.find((c) => c.expertId === ids.declared && c.uscc === OTHER_USCC);
    expect(person?.causes[0]?.message).toBe('戊专家 已申报与 王五 回避：师生关系');
    expect(report.counts).toMatchObject({ same_organisation: 2, former_employer: 1, shareholding: 2, declared: 2, named_person: 1 });

    const en = (await post(admin, '/api/experts/conflicts', { ...body, formerEmployerYears: 1 })).json() as typeof report;
    expect(en.conflicts.some((c) => c.expertId === ids.past)).toBe(false);
    const shares = en.conflicts.find((c) => c.expertId === ids.shares);
    expect(shares?.causes[0]?.message).toBe(`丁专家 holds shares in 其他示例有限公司 (${OTHER_USCC})`);
    const only = (await post(staff, '/api/experts/conflicts', { ...body, expertIds: [ids.inactive] })).json() as typeof report;
    expect(only.conflicts.map((c) => c.causes[0]?.reason)).toEqual(['same_organisation']);

    const before = await counts();
    const bad = await post(admin, '/api/experts/conflicts', {
      subjects: [{ uscc: `${OWN_USCC.slice(0, 17)}0` }, { uscc: UNREGISTERED?.uscc ?? '' }], asOf: '2026-02-30', expertIds: [999999],
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'asOf:DATE_FORMAT', 'subjects.0.uscc:USCC_CHECK_CHARACTER', 'subjects.1.uscc:ORGANISATION_UNKNOWN', 'expertIds.0:EXPERT_UNKNOWN',
    ]);
    expect((await post(admin, '/api/experts/conflicts', {})).json()).toMatchObject({ error: { code: 'REQUIRED', field: 'subjects', message: 'Organisations under review is required' } });
    expect(await counts()).toEqual(before);
  });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, locale: 'en' };
  const code = await main(args, io);
  return { code, out, err };
}

describe.each(DATABASES)('keping import experts on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    let url: string;
    ({ store, url, dispose } = await database.open());
    process.env.KEPING_DATABASE_URL = url;
  });
  afterAll(async () => {
    delete process.env.KEPING_DATABASE_URL;
    await dispose();
  });

  it('imports, dry-runs and rejects like the organisation import', async () => {
    const good = await xlsx('cli.xlsx', [['name', 'title', 'tags', 'email'], ['林海', '教授', '人工智能、机器学习', 'lin@example.org']]);
    const dry = await run(['import', 'experts', good, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toEqual({ rows: 1, valid: 1, errors: [] });
    expect(await count(store, 'experts')).toBe(0);
    const done = await run(['import', 'experts', good]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('Imported: 1 new, 0 updated.');
    expect((await store.db.selectFrom('experts').select(['name', 'tags']).execute())).toEqual([{ name: '林海', tags: ',ai,机器学习,' }]);
    const bad = await run(['import', 'experts', csv('cli-bad.csv', ['name,email', '林海,broken']), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toEqual({
      rows: 1, valid: 0, errors: [{ row: 2, field: 'email', code: 'EMAIL_FORMAT', message: '"broken" is not an e-mail address' }],
    });
    expect(await count(store, 'experts')).toBe(1);
    expect((await run(['import', 'people', good])).code).toBe(2);
  });
});
