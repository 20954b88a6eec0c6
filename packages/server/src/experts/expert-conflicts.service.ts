/**
 * Conflicts of interest (回避) between the pool's experts and organisations about to be reviewed,
 * shown to the office before assignment. The registry supplies the organisations' names; the
 * core engine decides, and every cause comes back explained in the caller's language.
 */
import {
  type ConflictRequest, type ConflictResponse, type ConflictSubject, type ExpertConflictView, expertConflicts, type FieldError,
  KepingError, normaliseUscc, parseDate, shanghaiDay, translate, usccProblem,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { organisationNames } from '../registry/organisation.repository.js';
import { loadExperts } from './expert.repository.js';

/** `knownNames`: the organisations' names when the caller has just read them (then they are not read again). */
export async function checkConflicts(
  db: Kysely<Database>, ctx: RequestContext, request: ConflictRequest, knownNames?: ReadonlyMap<string, string>,
): Promise<ConflictResponse> {
  const errors: FieldError[] = [];
  let asOf = shanghaiDay(ctx.now());
  if (request.asOf !== undefined && request.asOf.trim() !== '') {
    const parsed = parseDate(request.asOf);
    if (parsed) asOf = parsed;
    else errors.push({ code: 'DATE_FORMAT', field: 'asOf', params: { value: request.asOf } });
  }

  // One subject per code; people named with the same organisation twice are merged.
  const merged = new Map<string, { index: number; people: string[] }>();
  request.subjects.forEach((s, i) => {
    const uscc = normaliseUscc(s.uscc);
    const problem = usccProblem(uscc, `subjects.${i}.uscc`);
    if (problem) {
      errors.push(problem);
      return;
    }
    const people = (s.people ?? []).map((p) => p.trim()).filter(Boolean);
    const known = merged.get(uscc);
    if (known) known.people.push(...people.filter((p) => !known.people.includes(p)));
    else merged.set(uscc, { index: i, people: [...new Set(people)] });
  });
  const codes = [...merged.keys()];
  const names = knownNames && codes.every((c) => knownNames.has(c)) ? knownNames : await organisationNames(db, codes);
  for (const [uscc, { index }] of merged) {
    if (!names.has(uscc)) errors.push({ code: 'ORGANISATION_UNKNOWN', field: `subjects.${index}.uscc`, params: { uscc } });
  }

  const experts = await loadExperts(db, request.expertIds ? { ids: [...new Set(request.expertIds)], activeOnly: false } : { activeOnly: true });
  if (request.expertIds) {
    const found = new Set(experts.map((e) => e.id));
    request.expertIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ code: 'EXPERT_UNKNOWN', field: `expertIds.${i}`, params: { id } });
    });
  }
  if (errors.length > 0) throw KepingError.fromFieldErrors(errors);

  const subjects: ConflictSubject[] = codes.map((uscc) => ({ uscc, name: names.get(uscc) ?? '', people: merged.get(uscc)?.people ?? [] }));
  const report = expertConflicts({
    experts: experts.map((e) => ({ id: String(e.id), fields: e })),
    subjects,
    asOf,
    ...(request.formerEmployerYears === undefined ? {} : { formerEmployerYears: request.formerEmployerYears }),
  });
  if (report.errors.length > 0) throw KepingError.fromFieldErrors(report.errors);

  const byId = new Map(experts.map((e) => [String(e.id), e]));
  const label = (uscc: string): string => {
    const name = names.get(uscc) ?? uscc;
    return ctx.locale === 'en' ? `${name} (${uscc})` : `${name}（${uscc}）`;
  };
  const conflicts = report.conflicts.map((c): ExpertConflictView => {
    const expertName = byId.get(c.expert)?.name ?? c.expert;
    const organisationName = names.get(c.subject) ?? c.subject;
    return {
      expertId: Number(c.expert), expertName, uscc: c.subject, organisationName,
      causes: c.causes.map((cause) => {
        // The organisation is shown by name and code whether the record named it by code or in words.
        const via = names.has(cause.via) ? label(cause.via) : cause.via === organisationName ? label(c.subject) : cause.via;
        // The engine's keys speak of entries; the pool's speak of the organisation under review.
        const key = cause.message.key.replace(/^review\.conflict\./, 'experts.conflict.');
        const message = translate(ctx.locale, key, {
          ...cause.message.params, expert: expertName, subject: label(c.subject), via, reason: cause.declaredReason ?? '',
        });
        return {
          reason: cause.reason, via: cause.via, message,
          ...(cause.until ? { until: cause.until } : {}),
          ...(cause.declaredReason ? { declaredReason: cause.declaredReason } : {}),
        };
      }),
    };
  });
  return {
    asOf, formerEmployerSince: report.formerEmployerSince, expertsChecked: experts.length,
    subjects: subjects.map((s) => ({ uscc: s.uscc, name: s.name ?? '', people: [...(s.people ?? [])] })),
    conflicts, counts: report.counts,
  };
}
