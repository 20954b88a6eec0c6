/**
 * An organisation of the registry (机构名录) and the one validator every entry path uses:
 * the API, the import of a spreadsheet row and the web form.
 */
import type { FieldError } from '../errors.js';
import { parseIndustryCode } from './industry.js';
import {
  INDUSTRY_GROUPS, TALENT_FIELDS, findDistrict, findKind, findListing,
  type IndustryGroup, type ListingStatus, type OrganisationKind, type TalentField,
} from './taxonomy.js';
import { normaliseUscc, usccProblem } from './uscc.js';

export interface Contact {
  name: string;
  role?: string;
  phone?: string;
  email?: string;
}

/** The fields a user supplies; everything else is derived. */
export interface OrganisationFields {
  uscc: string;
  name: string;
  kind: OrganisationKind | null;
  district: string | null;
  industryCode: string | null;
  established: string | null;
  listing: ListingStatus | null;
  /** Per-organisation override of the groups derived from the industry class; null = derived. */
  groupsOverride: IndustryGroup[] | null;
  talentFieldsOverride: TalentField[] | null;
  contacts: Contact[];
}

/** Raw input as it arrives from JSON or a spreadsheet: strings, numbers, dates or nothing. */
export type RawOrganisation = Partial<Record<keyof OrganisationFields, unknown>>;

const MAX_NAME = 200;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Accepts 2019-03-05, 2019/3/5, 2019.3.5, 20190305 or a Date; returns YYYY-MM-DD. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseDate(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  const s = text(raw);
  // Fast path for the canonical form, which is what exports and most files hold.
  if (s.length === 10 && s[4] === '-' && s[7] === '-' && /^\d{4}-\d\d-\d\d$/.test(s)) {
    const y = Number(s.slice(0, 4));
    const mo = Number(s.slice(5, 7));
    const d = Number(s.slice(8, 10));
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const max = mo === 2 && !leap ? 28 : (DAYS_IN_MONTH[mo - 1] ?? 0);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= max ? s : undefined;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function list<T extends string>(raw: unknown, allowed: readonly T[], field: string, errors: FieldError[]): T[] | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const items = Array.isArray(raw) ? raw.map(text) : text(raw).split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean);
  const out: T[] = [];
  for (const item of items) {
    if ((allowed as readonly string[]).includes(item)) out.push(item as T);
    else errors.push({ code: 'VALUE_UNKNOWN', field, params: { value: item } });
  }
  return allowed.filter((a) => out.includes(a));
}

function contacts(raw: unknown, errors: FieldError[]): Contact[] {
  if (raw === null || raw === undefined || raw === '') return [];
  if (!Array.isArray(raw)) {
    errors.push({ code: 'CONTACTS_FORMAT', field: 'contacts' });
    return [];
  }
  const out: Contact[] = [];
  raw.forEach((c: unknown, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const name = text(o.name);
    const email = text(o.email);
    const phone = text(o.phone);
    const role = text(o.role);
    if (!name) errors.push({ code: 'REQUIRED', field: `contacts.${i}.name` });
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      errors.push({ code: 'EMAIL_FORMAT', field: `contacts.${i}.email`, params: { value: email } });
    }
    if (phone && !/^[+\d][\d\s()-]{4,24}$/.test(phone)) {
      errors.push({ code: 'PHONE_FORMAT', field: `contacts.${i}.phone`, params: { value: phone } });
    }
    out.push({ name, ...(role ? { role } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) });
  });
  return out;
}

/**
 * Validates and normalises one organisation. `today` (YYYY-MM-DD) is passed in because the
 * engine has no clock: an establishment date after it is refused.
 */
export function validateOrganisation(
  raw: RawOrganisation,
  today: string,
): { value: OrganisationFields; errors: [] } | { value: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const uscc = normaliseUscc(text(raw.uscc));
  const usccError = usccProblem(uscc);
  if (usccError) errors.push(usccError);

  const name = text(raw.name).replace(/\s+/g, ' ');
  if (!name) errors.push({ code: 'REQUIRED', field: 'name' });
  else if (name.length > MAX_NAME) errors.push({ code: 'TOO_LONG', field: 'name', params: { max: MAX_NAME } });

  let kind: OrganisationKind | null = null;
  if (text(raw.kind)) {
    kind = findKind(text(raw.kind)) ?? null;
    if (!kind) errors.push({ code: 'KIND_UNKNOWN', field: 'kind', params: { value: text(raw.kind) } });
  }

  let district: string | null = null;
  if (text(raw.district)) {
    district = findDistrict(text(raw.district))?.code ?? null;
    if (!district) errors.push({ code: 'DISTRICT_UNKNOWN', field: 'district', params: { value: text(raw.district) } });
  }

  let industryCode: string | null = null;
  if (text(raw.industryCode)) {
    const parsed = parseIndustryCode(text(raw.industryCode));
    if ('error' in parsed) errors.push(parsed.error);
    else industryCode = parsed.value;
  }

  let established: string | null = null;
  if (raw.established !== null && raw.established !== undefined && text(raw.established)) {
    const d = parseDate(raw.established);
    if (!d) errors.push({ code: 'DATE_FORMAT', field: 'established', params: { value: text(raw.established) } });
    else if (d > today) errors.push({ code: 'DATE_IN_FUTURE', field: 'established', params: { value: d, today } });
    else established = d;
  }

  let listing: ListingStatus | null = null;
  if (text(raw.listing)) {
    listing = findListing(text(raw.listing)) ?? null;
    if (!listing) errors.push({ code: 'LISTING_UNKNOWN', field: 'listing', params: { value: text(raw.listing) } });
  }

  const groupsOverride = list(raw.groupsOverride, INDUSTRY_GROUPS, 'groupsOverride', errors);
  const talentFieldsOverride = list(raw.talentFieldsOverride, TALENT_FIELDS, 'talentFieldsOverride', errors);
  const contactList = contacts(raw.contacts, errors);

  if (errors.length > 0) return { value: undefined, errors };
  return {
    value: {
      uscc, name, kind, district, industryCode, established, listing, groupsOverride, talentFieldsOverride,
      contacts: contactList,
    },
    errors: [],
  };
}

/** How many distinct texts of one field an OrganisationTextChecker remembers: bounded memory. */
const MEMO_LIMIT = 20_000;

/** Remembers what a field's text gives: the normalised value, null for an empty cell, false for a refused one. */
class Memo<T> {
  private readonly known = new Map<string, T | null | false>();
  // The last text and what it gave: most rows repeat the previous kind or listing, and a string
  // comparison costs less than hashing a fresh string.
  private lastText = '';
  private lastValue: T | null | false = null;

  constructor(private readonly compute: (text: string) => T | undefined) {}

  get(raw: string): T | null | false {
    if (raw === this.lastText) return this.lastValue;
    let value = this.known.get(raw);
    if (value === undefined) {
      const t = raw.trim();
      value = t ? (this.compute(t) ?? false) : null;
      if (this.known.size < MEMO_LIMIT) this.known.set(raw, value);
    }
    this.lastText = raw;
    this.lastValue = value;
    return value;
  }
}

/**
 * The all-valid fast path of validateOrganisation for many rows of text cells, as an import reads
 * them: the same rules and the same normalised values, but what the few distinct texts of kind,
 * district, industry class, date and listing give is remembered, and nothing is built per row.
 * `check` returns false for a row with any problem: run validateOrganisation on it for the errors.
 */
export class OrganisationTextChecker {
  /** The last row checked, normalised; overwritten by the next `check`. */
  readonly value: OrganisationFields = {
    uscc: '', name: '', kind: null, district: null, industryCode: null, established: null, listing: null,
    groupsOverride: null, talentFieldsOverride: null, contacts: [],
  };
  private readonly kinds = new Memo<OrganisationKind>(findKind);
  private readonly districts = new Memo<string>((t) => findDistrict(t)?.code);
  private readonly industries = new Memo<string>((t) => {
    const parsed = parseIndustryCode(t);
    return 'error' in parsed ? undefined : parsed.value;
  });
  private readonly dates: Memo<string>;
  private readonly listings = new Memo<ListingStatus>(findListing);

  constructor(today: string) {
    this.dates = new Memo<string>((t) => {
      const date = parseDate(t);
      return date !== undefined && date <= today ? date : undefined;
    });
  }

  check(uscc: string, name: string, kind: string, district: string, industryCode: string, established: string, listing: string): boolean {
    const code = normaliseUscc(uscc.trim());
    if (usccProblem(code) !== undefined) return false;
    let n = name.trim();
    if (/\s/.test(n)) n = n.replace(/\s+/g, ' ');
    if (n.length === 0 || n.length > MAX_NAME) return false;
    const k = this.kinds.get(kind);
    if (k === false) return false;
    const d = this.districts.get(district);
    if (d === false) return false;
    const i = this.industries.get(industryCode);
    if (i === false) return false;
    const e = this.dates.get(established);
    if (e === false) return false;
    const l = this.listings.get(listing);
    if (l === false) return false;
    const v = this.value;
    v.uscc = code;
    v.name = n;
    v.kind = k;
    v.district = d;
    v.industryCode = i;
    v.established = e;
    v.listing = l;
    return true;
  }
}
