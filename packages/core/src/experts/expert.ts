/**
 * An expert of the expert pool (专家库) and the one validator every entry path uses: the API,
 * the import of a spreadsheet row and the demo generator. Shapes are checked by the caller
 * (zod on the server); this checks meaning: codes, dates, ranges, formats.
 */
import type { FieldError } from '../errors.js';
import { catalogues } from '../i18n/index.js';
import { parseDate } from '../registry/organisation.js';
import { INDUSTRY_GROUPS, type IndustryGroup, TALENT_FIELDS, type TalentField } from '../registry/taxonomy.js';
import { normaliseUscc, usccProblem } from '../registry/uscc.js';

/** The taxonomy tags an expert can carry besides free ones: the 3+6 groups and the talent award's fields. */
export const EXPERTISE_FIELDS: readonly string[] = [...new Set<string>([...INDUSTRY_GROUPS, ...TALENT_FIELDS])];

export interface ExpertEmployment {
  organisationUscc: string | null;
  /** Free text when the organisation has no code at hand (a university abroad, a closed firm). */
  organisationName: string | null;
  /** YYYY-MM-DD; null when unknown. */
  from: string | null;
  /** YYYY-MM-DD; null when unknown or ongoing. */
  to: string | null;
}

export interface Shareholding {
  organisationUscc: string;
  /** Share in percent, (0, 100]; null when not declared. */
  percent: number | null;
}

/** A conflict the expert declared (自行申报的回避): with an organisation or a person, and why. */
export interface DeclaredConflict {
  organisationUscc: string | null;
  personName: string | null;
  reason: string;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface ExpertFields {
  name: string;
  /** 职称: 教授, 研究员, 高级工程师… */
  professionalTitle: string | null;
  employerUscc: string | null;
  employerName: string | null;
  /** Taxonomy ids (ic, software…) for known fields, the text itself for free tags; no duplicates. */
  tags: string[];
  employment: ExpertEmployment[];
  shareholdings: Shareholding[];
  declared: DeclaredConflict[];
  available: boolean;
  /** Periods the expert cannot review, e.g. abroad. */
  unavailable: DateRange[];
  phone: string | null;
  /** Lower case. */
  email: string | null;
  /** A user account with the role 'expert' (users.id). */
  userId: number | null;
}

type Maybe<T> = T | null | undefined;

/** Input already shaped by the caller; lists may also arrive as spreadsheet text. */
export interface ExpertInput {
  name?: Maybe<string>;
  professionalTitle?: Maybe<string>;
  employerUscc?: Maybe<string>;
  employerName?: Maybe<string>;
  tags?: Maybe<readonly string[] | string>;
  employment?: Maybe<readonly { organisationUscc?: Maybe<string>; organisationName?: Maybe<string>; from?: Maybe<string>; to?: Maybe<string> }[]>;
  shareholdings?: Maybe<readonly { organisationUscc?: Maybe<string>; percent?: Maybe<number | string> }[] | string>;
  declared?: Maybe<readonly { organisationUscc?: Maybe<string>; personName?: Maybe<string>; reason?: Maybe<string> }[]>;
  available?: Maybe<boolean>;
  unavailable?: Maybe<readonly { from?: Maybe<string>; to?: Maybe<string> }[]>;
  phone?: Maybe<string>;
  email?: Maybe<string>;
  userId?: Maybe<number>;
}

export const EXPERT_LIMITS = { name: 100, title: 100, employer: 200, tag: 40, tags: 30, list: 50, reason: 500, person: 100 } as const;

/** Separators people use between items in one cell: 、 ; , and their full-width forms, or new lines. */
export const LIST_SEPARATORS = /[、;；,，\n]/;

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim().replace(/\s+/g, ' ');
}

const tagLookup = new Map<string, string>();
for (const id of EXPERTISE_FIELDS) {
  tagLookup.set(id, id);
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const prefix of ['group', 'talent']) {
      const label = catalogues[locale][`${prefix}.${id}`];
      if (label) tagLookup.set(label.toLowerCase(), id);
    }
  }
}

/** A tag as stored: the taxonomy id when the text names a field (集成电路, Software, ic), else the text. */
export function normaliseTag(raw: string): string {
  const t = text(raw);
  return tagLookup.get(t.toLowerCase()) ?? t;
}

export function splitList(raw: string): string[] {
  return raw.split(LIST_SEPARATORS).map(text).filter(Boolean);
}

/** The 3+6 groups and talent fields among an expert's tags. */
export function expertiseOf(tags: readonly string[]): { groups: IndustryGroup[]; talentFields: TalentField[] } {
  return {
    groups: INDUSTRY_GROUPS.filter((g) => tags.includes(g)),
    talentFields: TALENT_FIELDS.filter((f) => tags.includes(f)),
  };
}

function tags(raw: ExpertInput['tags'], errors: FieldError[]): string[] {
  if (raw === null || raw === undefined) return [];
  const items = (typeof raw === 'string' ? [raw] : raw).flatMap((t) => splitList(t));
  const out: string[] = [];
  for (const item of items) {
    if (item.length > EXPERT_LIMITS.tag) errors.push({ code: 'TOO_LONG', field: 'tags', params: { max: EXPERT_LIMITS.tag } });
    else {
      const tag = normaliseTag(item);
      if (!out.includes(tag)) out.push(tag);
    }
  }
  if (out.length > EXPERT_LIMITS.tags) errors.push({ code: 'EXPERT_TOO_MANY', field: 'tags', params: { max: EXPERT_LIMITS.tags } });
  return out;
}

function optionalUscc(raw: unknown, field: string, errors: FieldError[]): string | null {
  const code = normaliseUscc(text(raw));
  if (!code) return null;
  const problem = usccProblem(code, field);
  if (problem) errors.push(problem);
  return code;
}

function limited(raw: unknown, field: string, max: number, errors: FieldError[]): string | null {
  const t = text(raw);
  if (t.length > max) errors.push({ code: 'TOO_LONG', field, params: { max } });
  return t || null;
}

function date(raw: unknown, field: string, errors: FieldError[], required: boolean): string | null {
  const t = text(raw);
  if (!t) {
    if (required) errors.push({ code: 'REQUIRED', field });
    return null;
  }
  const d = parseDate(t);
  if (!d) errors.push({ code: 'DATE_FORMAT', field, params: { value: t } });
  return d ?? null;
}

function checkRange(from: string | null, to: string | null, field: string, errors: FieldError[]): void {
  if (from && to && from > to) errors.push({ code: 'EXPERT_DATE_RANGE', field, params: { from, to } });
}

function list<T>(raw: Maybe<readonly T[]>, field: string, errors: FieldError[]): readonly T[] {
  if (!raw) return [];
  if (raw.length > EXPERT_LIMITS.list) errors.push({ code: 'EXPERT_TOO_MANY', field, params: { max: EXPERT_LIMITS.list } });
  return raw.slice(0, EXPERT_LIMITS.list);
}

const SHARE_ITEM = /^([0-9A-Za-z]{18})\s*(?:[:：(（]?\s*(\d+(?:\.\d+)?)\s*%?\s*[)）]?)?$/;

/** "91310115798931231K:5%; 913…" as written in one spreadsheet cell. */
export function parseShareholdings(cell: string, errors: FieldError[]): { organisationUscc: string; percent: string | null }[] {
  const out: { organisationUscc: string; percent: string | null }[] = [];
  for (const item of splitList(cell)) {
    const m = SHARE_ITEM.exec(item);
    if (!m) errors.push({ code: 'EXPERT_SHAREHOLDING_FORMAT', field: 'shareholdings', params: { value: item } });
    else out.push({ organisationUscc: m[1] ?? '', percent: m[2] ?? null });
  }
  return out;
}

function shareholdings(raw: ExpertInput['shareholdings'], errors: FieldError[]): Shareholding[] {
  const fromCell = typeof raw === 'string';
  const items = fromCell ? parseShareholdings(raw, errors) : list(raw, 'shareholdings', errors);
  const out: Shareholding[] = [];
  items.forEach((s, i) => {
    // A spreadsheet cell is one field; a JSON list names the item and its part.
    const field = (part: string) => (fromCell ? 'shareholdings' : `shareholdings.${i}.${part}`);
    const uscc = optionalUscc(s.organisationUscc, field('organisationUscc'), errors);
    if (!uscc) errors.push({ code: 'REQUIRED', field: field('organisationUscc') });
    let percent: number | null = null;
    if (text(s.percent) !== '') {
      percent = Number(s.percent);
      if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
        errors.push({ code: 'EXPERT_PERCENT_RANGE', field: field('percent'), params: { value: text(s.percent) } });
      }
    }
    if (uscc && !out.some((o) => o.organisationUscc === uscc)) out.push({ organisationUscc: uscc, percent });
  });
  return out;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^[+\d][\d\s()-]{4,24}$/;

/** Validates and normalises one expert. */
export function validateExpert(
  raw: ExpertInput,
): { value: ExpertFields; errors: [] } | { value: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = text(raw.name);
  if (!name) errors.push({ code: 'REQUIRED', field: 'name' });
  else if (name.length > EXPERT_LIMITS.name) errors.push({ code: 'TOO_LONG', field: 'name', params: { max: EXPERT_LIMITS.name } });

  const employment = list(raw.employment, 'employment', errors).map((e, i): ExpertEmployment => {
    const organisationUscc = optionalUscc(e.organisationUscc, `employment.${i}.organisationUscc`, errors);
    const organisationName = limited(e.organisationName, `employment.${i}.organisationName`, EXPERT_LIMITS.employer, errors);
    if (!organisationUscc && !organisationName) errors.push({ code: 'EXPERT_ORGANISATION_REQUIRED', field: `employment.${i}.organisationName` });
    const from = date(e.from, `employment.${i}.from`, errors, false);
    const to = date(e.to, `employment.${i}.to`, errors, false);
    checkRange(from, to, `employment.${i}.to`, errors);
    return { organisationUscc, organisationName, from, to };
  });

  const declared = list(raw.declared, 'declared', errors).map((d, i): DeclaredConflict => {
    const organisationUscc = optionalUscc(d.organisationUscc, `declared.${i}.organisationUscc`, errors);
    const personName = limited(d.personName, `declared.${i}.personName`, EXPERT_LIMITS.person, errors);
    if (!organisationUscc && !personName) errors.push({ code: 'EXPERT_CONFLICT_TARGET_REQUIRED', field: `declared.${i}.organisationUscc` });
    const reason = limited(d.reason, `declared.${i}.reason`, EXPERT_LIMITS.reason, errors) ?? '';
    if (!reason) errors.push({ code: 'REQUIRED', field: `declared.${i}.reason` });
    return { organisationUscc, personName, reason };
  });

  const unavailable = list(raw.unavailable, 'unavailable', errors).map((r, i): DateRange => {
    const from = date(r.from, `unavailable.${i}.from`, errors, true);
    const to = date(r.to, `unavailable.${i}.to`, errors, true);
    checkRange(from, to, `unavailable.${i}.to`, errors);
    return { from: from ?? '', to: to ?? '' };
  }).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

  const phone = text(raw.phone);
  if (phone && !PHONE.test(phone)) errors.push({ code: 'PHONE_FORMAT', field: 'phone', params: { value: phone } });
  const email = text(raw.email).toLowerCase();
  if (email && (!EMAIL.test(email) || email.length > 200)) errors.push({ code: 'EMAIL_FORMAT', field: 'email', params: { value: email } });

  const value: ExpertFields = {
    name,
    professionalTitle: limited(raw.professionalTitle, 'professionalTitle', EXPERT_LIMITS.title, errors),
    employerUscc: optionalUscc(raw.employerUscc, 'employerUscc', errors),
    employerName: limited(raw.employerName, 'employerName', EXPERT_LIMITS.employer, errors),
    tags: tags(raw.tags, errors),
    employment,
    shareholdings: shareholdings(raw.shareholdings, errors),
    declared,
    available: raw.available ?? true,
    unavailable,
    phone: phone || null,
    email: email || null,
    userId: raw.userId ?? null,
  };
  if (errors.length > 0) return { value: undefined, errors };
  return { value, errors: [] };
}

/** Is the expert free to review on this day (YYYY-MM-DD)? */
export function isAvailableOn(expert: Pick<ExpertFields, 'available' | 'unavailable'>, day: string): boolean {
  return expert.available && !expert.unavailable.some((r) => r.from <= day && day <= r.to);
}
