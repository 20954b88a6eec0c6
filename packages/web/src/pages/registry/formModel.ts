/** The organisation form's values, what they become for the API, and error-field mapping. */
import type { IndustryGroup, TalentField } from '@keping/core';
import type { FormInstance } from 'antd';
import type { Organisation, OrganisationInput } from '../../types';

export interface ContactValues {
  name?: string;
  role?: string;
  phone?: string;
  email?: string;
}

export interface OrganisationFormValues {
  uscc?: string;
  name?: string;
  kind?: string | null;
  district?: string | null;
  industryCode?: string;
  established?: string;
  listing?: string | null;
  overrideGroups?: boolean;
  groupsOverride?: IndustryGroup[];
  overrideTalentFields?: boolean;
  talentFieldsOverride?: TalentField[];
  contacts?: ContactValues[];
}

const text = (v: string | null | undefined) => (v ?? '').trim();
const orNull = (v: string | null | undefined) => text(v) || null;

export function toInput(v: OrganisationFormValues): OrganisationInput {
  return {
    uscc: text(v.uscc),
    name: text(v.name),
    kind: orNull(v.kind),
    district: orNull(v.district),
    industryCode: orNull(v.industryCode),
    established: orNull(v.established),
    listing: orNull(v.listing),
    groupsOverride: v.overrideGroups ? (v.groupsOverride ?? []) : null,
    talentFieldsOverride: v.overrideTalentFields ? (v.talentFieldsOverride ?? []) : null,
    contacts: (v.contacts ?? []).map((c) => ({
      name: text(c?.name),
      ...(text(c?.role) ? { role: text(c?.role) } : {}),
      ...(text(c?.phone) ? { phone: text(c?.phone) } : {}),
      ...(text(c?.email) ? { email: text(c?.email) } : {}),
    })),
  };
}

export function toFormValues(o: Organisation): OrganisationFormValues {
  return {
    uscc: o.uscc,
    name: o.name,
    kind: o.kind,
    district: o.district,
    industryCode: o.industryCode ?? '',
    established: o.established ?? '',
    listing: o.listing,
    overrideGroups: o.groupsOverride !== null,
    groupsOverride: o.groupsOverride ?? o.derivedGroups,
    overrideTalentFields: o.talentFieldsOverride !== null,
    talentFieldsOverride: o.talentFieldsOverride ?? o.derivedTalentFields,
    contacts: o.contacts.map((c) => ({ name: c.name, role: c.role ?? '', phone: c.phone ?? '', email: c.email ?? '' })),
  };
}

/** `contacts.0.name` → ['contacts', 0, 'name'], the name path of an antd Form.Item. */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

type FieldData = Parameters<FormInstance<OrganisationFormValues>['setFields']>[0];

/** Puts messages on the fields they concern (`contacts.1.email` included). */
export function setFieldErrors(
  form: FormInstance<OrganisationFormValues>,
  problems: { field: string; message: string }[],
): void {
  form.setFields(problems.map((p) => ({ name: namePath(p.field), errors: [p.message] })) as FieldData);
}
