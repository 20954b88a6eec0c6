/**
 * Submission (提交申报): only inside the call window, only once, only complete — every required
 * field and attachment is named when missing. The status moves from draft only if it still is draft,
 * so two submissions racing on PostgreSQL cannot both pass. The facts eligibility is evaluated on
 * are frozen on the application with the verdict, so later edits of the registry change neither.
 */
import { type Application, type AttachmentSpec, type FieldError, type FormValues, KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { visibleApplicationRow } from './application-access.js';
import { filesOf, moveApplication, presentApplications } from './application.repository.js';
import { checkDraft, snapshot } from './application.service.js';
import { evaluateSnapshot } from './eligibility.service.js';
import { assertCallOpen } from './call-window.js';
import { findProgramRow } from './program.repository.js';

export async function submitApplication(store: Store, ctx: RequestContext, id: number): Promise<Application> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await visibleApplicationRow(trx, ctx, id);
    if (row.status === 'submitted') throw new KepingError('APPLICATION_ALREADY_SUBMITTED', { status: 409 });
    if (row.status !== 'draft') throw new KepingError('APPLICATION_NOT_EDITABLE', { params: { status: row.status }, status: 409 });
    const program = await findProgramRow(trx, row.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    assertCallOpen(program, ctx.now());
    const draft = checkDraft(program, { title: row.title, category: row.category, values: JSON.parse(row.form_values) as FormValues }, ctx, true);
    const present = new Set((await filesOf(trx, [id])).map((f) => f.attachment_key));
    const missing: FieldError[] = (JSON.parse(program.attachments) as AttachmentSpec[])
      .filter((a) => a.required && !present.has(a.key))
      .map((a) => ({ code: 'ATTACHMENT_MISSING', field: `attachments.${a.key}`, params: { label: ctx.locale === 'en' ? a.label.en : a.label.zh } }));
    const errors = [...draft.errors, ...missing];
    if (errors.length > 0) throw KepingError.fromFieldErrors(errors);
    const at = ctx.now().toISOString();
    const facts = await evaluateSnapshot(trx, program, row.uscc, at);
    const frozen = JSON.stringify(facts);
    if (!(await moveApplication(trx, id, 'draft', { status: 'submitted', submitted_at: at, updated_at: at, facts_snapshot: frozen }))) throw new KepingError('APPLICATION_ALREADY_SUBMITTED', { status: 409 });
    const [after] = await presentApplications(trx, [{ ...row, status: 'submitted', submitted_at: at, updated_at: at, facts_snapshot: frozen }]);
    const app = after as Application;
    await audit({
      action: 'application.submit', subjectType: 'application', subjectId: String(id),
      before: { status: row.status },
      after: {
        ...snapshot(app), files: app.files.map((f) => ({ key: f.key, sha256: f.sha256 })),
        eligibility: { asOf: facts.asOf, verdict: facts.result?.verdict ?? null, facts: facts.facts },
      },
    });
    return app;
  });
}
