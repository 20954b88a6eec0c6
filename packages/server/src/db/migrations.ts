/**
 * Schema migrations, run on start and by `keping migrate`. Each is written once for both dialects,
 * in a file of its own (migration-NNNN.ts); this is their list, by the names databases record
 * as applied (never renamed: a database runs only the names it has not recorded).
 */
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import { outsideAudit } from '../audit/audit-guard.js';
import type { Dialect, Store } from './database.js';
import { foundationMigration } from './migration-0001.js';
import { designationsJobsIndexMigration } from './migration-0002.js';
import { programsMigration } from './migration-0003.js';
import { expertsMigration } from './migration-0004.js';
import { roundAdvancementsMigration } from './migration-0005.js';
import { scoringMigration } from './migration-0006.js';
import { panelsPublicationMigration } from './migration-0007.js';
import { panelRecusalsMigration } from './migration-0008.js';
import { roundDecisionsMigration } from './migration-0009.js';
import { designationEventsMigration } from './migration-0010.js';
import { indexProgramsMigration } from './migration-0011.js';
import { jobVersionsMigration } from './migration-0012.js';
import { accountsMigration } from './migration-0013.js';
import { auditCheckpointsMigration } from './migration-0014.js';
import { factsFrozenMigration } from './migration-0015.js';
import { singleSignOnMigration } from './migration-0017.js';
import { auditPendingMigration } from './migration-0018.js';

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': foundationMigration(dialect),
    '0002_designations_jobs_index': designationsJobsIndexMigration(dialect),
    '0003_programs': programsMigration(dialect),
    '0004_experts': expertsMigration(dialect),
    '0005_round_advancements': roundAdvancementsMigration,
    '0006_scoring': scoringMigration(dialect),
    '0007_panels_publication': panelsPublicationMigration(dialect),
    '0008_panel_recusals': panelRecusalsMigration,
    '0009_round_decisions': roundDecisionsMigration,
    '0010_designation_events': designationEventsMigration(dialect),
    '0011_index_programs': indexProgramsMigration(dialect),
    '0012_job_versions': jobVersionsMigration,
    '0013_accounts': accountsMigration,
    '0014_audit_checkpoints': auditCheckpointsMigration(dialect),
    '0015_facts_frozen': factsFrozenMigration,
    '0017_single_sign_on': singleSignOnMigration,
    '0018_audit_pending': auditPendingMigration(dialect),
  };
}

class InlineProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Applies pending migrations; returns how many ran. Throws with the failing migration's error. */
export async function migrateToLatest(store: Store): Promise<number> {
  const migrator = new Migrator({ db: store.db, provider: new InlineProvider(store.dialect) });
  const { error, results } = await outsideAudit('schema migrations', () => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').length;
}

/** How many migrations this build has that the database has not run (readiness: a server ahead of its schema is not ready). */
export async function pendingMigrations(store: Store): Promise<number> {
  const migrator = new Migrator({ db: store.db, provider: new InlineProvider(store.dialect) });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).length;
}
