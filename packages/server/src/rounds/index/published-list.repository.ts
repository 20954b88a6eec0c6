/** Queries of a published TOP100 list: the program's publication, its listed entries with their registry facts, and what the round decided. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export function publicationOfProgram(db: Kysely<Database>, programId: number) {
  return db.selectFrom('publications').select(['id', 'status']).where('program_id', '=', programId).executeTakeFirst();
}

/** The publication's entries of `status`, in list order, with their bands and registry facts. */
export function entriesOfPublication(db: Kysely<Database>, publicationId: number, status: string) {
  return db.selectFrom('publication_entries')
    .leftJoin('index_candidates', 'index_candidates.application_id', 'publication_entries.application_id')
    .leftJoin('organisations', 'organisations.uscc', 'publication_entries.holder_uscc')
    .select(['publication_entries.rank', 'publication_entries.score', 'publication_entries.holder', 'publication_entries.holder_uscc',
      'index_candidates.rank_p05', 'index_candidates.rank_p95', 'organisations.district', 'organisations.listing', 'organisations.groups'])
    .where('publication_entries.publication_id', '=', publicationId).where('publication_entries.status', '=', status)
    .orderBy('publication_entries.position').execute();
}

/** Each entry's code, rank and reason as the round decided them. */
export function decidedOfRound(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('round_advancements').innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .select(['applications.uscc', 'round_advancements.rank', 'round_advancements.reason'])
    .where('round_advancements.round_id', '=', roundId).execute();
}
