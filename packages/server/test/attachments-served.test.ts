/**
 * Attachments are served with a type the server chooses, not the one the uploader declared: a file
 * declared text/html (a page with a script) comes back as application/octet-stream, a PDF keeps
 * application/pdf; every download is an attachment with its name encoded, and nosniff. Application
 * files (applicant and expert portal routes) and objection evidence alike; with the attachments on
 * disk and in an S3 bucket (s3rver started here).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { servedContentType } from '../src/programs/attachment-headers.js';
import { fileStoreFromEnv } from '../src/storage/files-url.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, startHarness } from './harness.js';
import { type S3TestServer, startS3Server } from './s3-server.js';

const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = {
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度创新成果竞赛', '2026 innovation achievement competition'),
  call: {
    opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00',
    // Any type accepted on upload: what is served must not depend on the upload check.
    attachments: ['report', 'appendix'].map((key) => ({ key, label: label(key, key), required: false, extensions: ['pdf', 'html'], mimeTypes: [], maxSizeMb: 1 })),
  },
  rounds: [{ key: 'screening', kind: 'screening', name: label('初筛', 'Screening') }],
  categories: [{ key: 'ai', name: label('人工智能', 'AI'), quotas: {} }],
  outcomes: [{ key: 'excellent', name: label('优秀成果', 'Excellent achievement'), quota: 10 }],
};
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/users").then((r) => r.text()).then(alert)</script></body></html>');
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 7)]);
const form = (fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  return fd;
};

function expectDownload(res: LightMyRequestResponse, type: string, name: string, content: Buffer): void {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(type);
  expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${name}`);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(Buffer.compare(res.rawPayload, content)).toBe(0);
}

describe('the served type', () => {
  it('is the stored one only when on the allow-list, parameters dropped; otherwise octet-stream', () => {
    expect(servedContentType('application/pdf')).toBe('application/pdf');
    expect(servedContentType('Image/PNG; foo=bar')).toBe('image/png');
    expect(servedContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document'))
      .toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(servedContentType('application/vnd.ms-excel')).toBe('application/vnd.ms-excel');
    for (const t of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript', 'text/plain', '', null,
      'application/vnd.openxmlformats-officedocument.x"><script>']) {
      expect(servedContentType(t), String(t)).toBe('application/octet-stream');
    }
  });
});

const SETUPS = DATABASES.flatMap((database) => (['disk', 's3'] as const).map((files) => ({ name: database.name, files, database })));

describe.each(SETUPS)('attachments served on $name, files on $files', ({ database, files }) => {
  let h: Harness;
  let staff: Client;
  let admin: Client;
  let applicant: Client;
  let filesDir: string;
  let s3: S3TestServer | undefined;
  let applicationId = 0;
  let publicationId = 0;

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'keping-served-'));
    process.env.KEPING_FILES_DIR = filesDir;
    delete process.env.KEPING_FILES_URL;
    if (files === 's3') {
      s3 = await startS3Server(['keping-served']);
      process.env.KEPING_FILES_URL = s3.filesUrl('keping-served', 'attachments');
    }
    h = await startHarness(database);
    [staff, admin, applicant] = [await h.login('staff'), await h.login('admin'), await h.login('applicant')];
    const program = await staff.request({ method: 'POST', url: '/api/programs', payload: PROGRAM });
    expect(program.statusCode).toBe(201);
    const programId = (program.json() as { id: number }).id;
    const application = await applicant.request({ method: 'POST', url: '/api/applications', payload: { programId, title: '智能视觉质检平台', category: 'ai' } });
    expect(application.statusCode, application.body).toBe(201);
    applicationId = (application.json() as { id: number }).id;
    // An announcement period running now, set up directly: the publication's own path is publication.test.ts's.
    const at = h.clock.now.getTime();
    const row = await outsideAudit('test set-up: a publication taking objections', () => h.store.db.insertInto('publications').values({
      program_id: programId, status: 'published', start_date: '2026-11-20', end_date: '2026-11-30',
      starts_at: new Date(at - 86_400_000).toISOString(), ends_at: new Date(at + 86_400_000).toISOString(),
      published_at: new Date(at - 86_400_000).toISOString(), finalised_at: null,
      created_at: new Date(at).toISOString(), updated_at: new Date(at).toISOString(),
    }).returning('id').executeTakeFirstOrThrow());
    publicationId = row.id;
  });
  afterAll(async () => {
    await h.dispose();
    await s3?.stop();
    delete process.env.KEPING_FILES_URL;
    rmSync(filesDir, { recursive: true, force: true });
  });

  const upload = async (key: string, name: string, content: Buffer, type: string) => {
    const res = await applicant.request({
      method: 'POST', url: `/api/applications/${applicationId}/attachments?key=${key}`, payload: form({}, { name, content, type }),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: number; mime: string };
    expect(body.mime).toBe(type); // stored as declared: only serving decides
    return body.id;
  };

  it('serves an application file declared text/html as an octet-stream download, a PDF as a PDF download', async () => {
    const html = await upload('report', '报告 (终稿).html', HTML, 'text/html');
    const pdf = await upload('appendix', '成果报告.pdf', PDF, 'application/pdf');
    for (const c of [applicant, admin]) {
      expectDownload(await c.request({ method: 'GET', url: `/api/applications/${applicationId}/files/${html}` }),
        'application/octet-stream', '%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29.html', HTML);
      expectDownload(await c.request({ method: 'GET', url: `/api/applications/${applicationId}/files/${pdf}` }),
        'application/pdf', '%E6%88%90%E6%9E%9C%E6%8A%A5%E5%91%8A.pdf', PDF);
    }
  });

  it('serves objection evidence declared text/html as an octet-stream download, a PDF as a PDF download', async () => {
    const fields = { name: '刘某', contact: 'liu@example.org', grounds: '与往年获奖成果重复' };
    const file = async (name: string, content: Buffer, type: string) => {
      const res = await h.app.inject({
        method: 'POST', url: `/api/public/publications/${publicationId}/objections`, payload: form(fields, { name, content, type }), remoteAddress: '10.9.9.9',
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: number }).id;
    };
    const html = await file("it's.html", HTML, 'text/html');
    const pdf = await file('证据.pdf', PDF, 'application/pdf');
    expectDownload(await staff.request({ method: 'GET', url: `/api/objections/${html}/evidence` }), 'application/octet-stream', 'it%27s.html', HTML);
    expectDownload(await staff.request({ method: 'GET', url: `/api/objections/${pdf}/evidence` }), 'application/pdf', '%E8%AF%81%E6%8D%AE.pdf', PDF);
  });

  it('keeps the uploads in the configured store: the bucket with KEPING_FILES_URL=s3://…, else the directory', async () => {
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const store = fileStoreFromEnv();
    try {
      expect(store.location).toBe(files === 's3' ? 's3://keping-served/attachments/' : filesDir);
      expect(await store.list()).toEqual([sha(HTML), sha(PDF)].sort());
    } finally {
      await store.close();
    }
    const onDisk = readdirSync(filesDir).filter((n) => n !== '.incoming');
    expect(onDisk).toEqual(files === 's3' ? [] : [sha(HTML), sha(PDF)].sort());
  });
});
