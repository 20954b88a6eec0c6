/**
 * The contract of a round kind in the server: its HTTP routes (with their services beside them in
 * rounds/<kind>/) and its record for the program's bundle, which is also what core's decide reads
 * when the round closes, so closing and recomputing run the same function on the same data.
 */
import type { BundleRound, RoundKind } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { ProgramRow, RoundRow } from '../programs/program.repository.js';
import type { FileStore } from '../storage/file-store.js';

export interface RouteOptions {
  uploadLimitBytes: number;
  /** Where attachments are stored (experts read them in the scoring round). */
  files: FileStore;
}

export interface ServerRoundKind<K extends RoundKind = RoundKind> {
  kind: K;
  routes(store: Store, options: RouteOptions): FastifyPluginAsyncZod;
  bundleRound(db: Kysely<Database>, round: RoundRow, program: ProgramRow): Promise<Extract<BundleRound, { kind: K }>>;
  /** Called inside the program's save when the round's config changed (the index round marks its computed ranking stale). */
  configChanged?(db: Kysely<Database>, round: RoundRow): Promise<void>;
}
