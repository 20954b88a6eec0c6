/** Queries on certificates (证书) of final lists. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CertificateTable } from '../db/schema-publication.js';

export type CertificateRow = Selectable<CertificateTable>;

export function certificateBySerial(db: Kysely<Database>, serial: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').selectAll().where('serial', '=', serial).executeTakeFirst();
}

export function certificatesOf(db: Kysely<Database>, publicationId: number): Promise<CertificateRow[]> {
  return db.selectFrom('certificates').selectAll().where('publication_id', '=', publicationId).orderBy('serial').execute();
}

export async function certifiedEntryIds(db: Kysely<Database>, publicationId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('certificates').select('entry_id').where('publication_id', '=', publicationId).execute();
  return new Set(rows.map((r) => r.entry_id));
}

export async function insertCertificates(db: Kysely<Database>, rows: readonly CertificateRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('certificates').values([...rows]).execute();
}
