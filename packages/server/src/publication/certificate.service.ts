/**
 * Certificates (证书) for the final list: one per listed entry, with a unique serial and the SHA-256
 * of its canonical content (serial, holder, title, date, program). The QR code carries the serial and
 * that hash; the public verification page recomputes it from the stored record, so a forged serial,
 * a changed hash or an edited record all read as invalid.
 */
import { createHash, randomBytes } from 'node:crypto';
import { KepingError, type Locale, shanghaiDay, translate } from '@keping/core';
import { canonicalJson } from '../audit/audit.repository.js';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { siteUrl } from '../http/site-url.js';
import { findProgramRow } from '../programs/program.repository.js';
import { certificateBySerial, type CertificateRow, certifiedEntryIds, insertCertificates } from './certificate.repository.js';
import { entriesOf, findPublication } from './publication.repository.js';

export type { CertificateRow };

export interface CertificateContent {
  serial: string;
  holder: string;
  title: string;
  date: string;
  program: string;
}

export function contentHash(c: CertificateContent): string {
  return createHash('sha256').update(canonicalJson({ serial: c.serial, holder: c.holder, title: c.title, date: c.date, program: c.program })).digest('hex');
}

/** Where the public verification page lives: KEPING_PUBLIC_URL (the site's address) + /verify/<serial>?h=<hash>. */
export function verificationUrl(serial: string, hash: string): string {
  return siteUrl(`/verify/${encodeURIComponent(serial)}?h=${hash}`);
}

export function toCertificate(r: CertificateRow) {
  return {
    serial: r.serial, entryId: r.entry_id, holder: r.holder, title: r.title, date: r.date, program: r.program, contentHash: r.content_hash,
    issuedAt: r.issued_at, verificationUrl: verificationUrl(r.serial, r.content_hash),
  };
}

/** Issues a certificate to every listed entry of a final list that has none yet. */
export async function issueCertificates(store: Store, ctx: RequestContext, publicationId: number) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const publication = await findPublication(trx, publicationId);
    if (publication.status !== 'final' || publication.finalised_at === null) {
      throw new KepingError('PUBLICATION_NOT_FINAL', { params: { status: publication.status }, status: 409 });
    }
    const program = await findProgramRow(trx, publication.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    const entries = await entriesOf(trx, publicationId, true);
    const issued = await certifiedEntryIds(trx, publicationId);
    const date = shanghaiDay(publication.finalised_at);
    const at = ctx.now().toISOString();
    const rows: CertificateRow[] = [];
    for (const e of entries.filter((x) => !issued.has(x.id))) {
      // Year, publication, position, then random hex: unique by construction and not guessable.
      const serial = `KP${program.cycle_year}-${String(publicationId).padStart(4, '0')}-${String(e.position).padStart(4, '0')}-${randomBytes(3).toString('hex').toUpperCase()}`;
      const title = e.title === e.outcome_zh ? e.outcome_zh : `${e.outcome_zh} · ${e.title}`;
      const content = { serial, holder: e.holder, title, date, program: program.title_zh };
      rows.push({ ...content, publication_id: publicationId, entry_id: e.id, content_hash: contentHash(content), issued_by: ctx.actor.id, issued_at: at });
    }
    await insertCertificates(trx, rows);
    await audit({
      action: 'certificate.issue', subjectType: 'publication', subjectId: String(publicationId),
      after: { issued: rows.map((r) => ({ serial: r.serial, entryId: r.entry_id, hash: r.content_hash })) },
    });
    return { issued: rows.length, items: rows.map(toCertificate) };
  });
}

export async function findCertificate(store: Store, serial: string): Promise<CertificateRow> {
  const row = await certificateBySerial(store.db, serial);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return row;
}

/** The public check: valid only when the serial exists and its recomputed hash equals the stored and the given one. */
export async function verifyCertificate(store: Store, serial: string, hash: string | undefined, locale: Locale) {
  const row = await certificateBySerial(store.db, serial);
  if (!row) return { valid: false as const, serial, reason: 'unknown', message: translate(locale, 'publication.certificate.unknown') };
  const recomputed = contentHash(row);
  if (recomputed !== row.content_hash || hash?.toLowerCase() !== recomputed) {
    return { valid: false as const, serial, reason: 'mismatch', message: translate(locale, 'publication.certificate.mismatch') };
  }
  return {
    valid: true as const, serial, holder: row.holder, title: row.title, date: row.date, program: row.program,
    message: translate(locale, 'publication.certificate.valid'),
  };
}
