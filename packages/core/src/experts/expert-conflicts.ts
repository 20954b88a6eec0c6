/**
 * Conflicts of interest between pool experts and the organisations (and people) about to be
 * reviewed: the expert's record is turned into the conflicts engine's terms, nothing else decides.
 */
import {
  type ConflictCause, type ConflictEntry, type ConflictExpert, type ConflictReason, findConflicts,
} from '../review/conflicts.js';
import type { FieldError } from '../errors.js';
import type { ExpertFields } from './expert.js';

/** What will be reviewed: an organisation by its code and registered name, and people named with it. */
export interface ConflictSubject {
  uscc: string;
  /** The registered name: experts whose records name the organisation in words are matched by it. */
  name?: string;
  people?: readonly string[];
}

export interface PoolExpert {
  id: string;
  fields: Pick<ExpertFields, 'name' | 'employerUscc' | 'employerName' | 'employment' | 'shareholdings' | 'declared'>;
}

export interface ExpertConflictCause extends ConflictCause {
  /** For a declared conflict, the reason the expert gave. */
  declaredReason?: string;
}

export interface ExpertConflict {
  expert: string;
  /** The subject's USCC. */
  subject: string;
  causes: ExpertConflictCause[];
}

export interface ExpertConflictReport {
  conflicts: ExpertConflict[];
  formerEmployerSince: string;
  counts: Record<ConflictReason, number>;
  errors: FieldError[];
}

/** Chinese names are written with or without a space between surname and given name (李 四, 李四). */
export function personName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '');
}
const personKey = (s: string): string => personName(s).toLowerCase();

/** The engine's view of one expert: organisations by code where known, else by name. */
export function toConflictExpert(expert: PoolExpert): ConflictExpert {
  const f = expert.fields;
  const employer = f.employerUscc ?? f.employerName;
  return {
    id: expert.id,
    person: personName(f.name),
    ...(employer ? { employer } : {}),
    formerEmployers: f.employment.flatMap((e) => {
      const organisation = e.organisationUscc ?? e.organisationName;
      return organisation ? [{ organisation, ...(e.from ? { start: e.from } : {}), ...(e.to ? { end: e.to } : {}) }] : [];
    }),
    shareholdings: f.shareholdings.map((s) => s.organisationUscc),
    declared: f.declared.flatMap((d) => (d.organisationUscc ? [d.organisationUscc] : [])),
    declaredPeople: f.declared.flatMap((d) => (d.personName ? [personName(d.personName)] : [])),
  };
}

export function toConflictEntry(subject: ConflictSubject): ConflictEntry {
  return {
    id: subject.uscc, applicant: subject.uscc,
    ...(subject.name ? { participants: [subject.name] } : {}),
    ...(subject.people?.length ? { people: subject.people.map(personName) } : {}),
  };
}

/** Every expert × subject pair in conflict, each cause explained; a declared one carries its reason. */
export function expertConflicts(input: {
  experts: readonly PoolExpert[];
  subjects: readonly ConflictSubject[];
  asOf: string;
  formerEmployerYears?: number;
}): ExpertConflictReport {
  const report = findConflicts({
    entries: input.subjects.map(toConflictEntry),
    experts: input.experts.map(toConflictExpert),
    asOf: input.asOf,
    ...(input.formerEmployerYears === undefined ? {} : { formerEmployerYears: input.formerEmployerYears }),
  });
  const byId = new Map(input.experts.map((e) => [e.id, e]));
  const conflicts = report.conflicts.map((c): ExpertConflict => {
    const declared = byId.get(c.expert)?.fields.declared ?? [];
    const causes = c.causes.map((cause): ExpertConflictCause => {
      if (cause.reason !== 'declared') return cause;
      const d = declared.find((x) => x.organisationUscc === cause.via || (x.personName !== null && personKey(x.personName) === cause.via));
      return d ? { ...cause, declaredReason: d.reason } : cause;
    });
    return { expert: c.expert, subject: c.entry, causes };
  });
  return { conflicts, formerEmployerSince: report.formerEmployerSince, counts: report.counts, errors: report.errors };
}
