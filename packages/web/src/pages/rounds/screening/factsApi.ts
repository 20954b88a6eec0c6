/** Calls of facts frozen at submission: the office's comparison and re-run, self-declared marks and their confirmation. */
import type { ApplicationFacts, ConfirmFactsInput, RerunResult, SelfDeclarableField, SelfDeclaredMark } from '@keping/core';
import { request } from '../../../api';

const org = (uscc: string) => `/api/organisations/${encodeURIComponent(uscc)}`;

export const factsApi = {
  applicationFacts: (id: number) => request<ApplicationFacts>('GET', `/api/applications/${id}/facts`),
  rerun: (id: number, reason: string) => request<RerunResult>('POST', `/api/applications/${id}/facts/rerun`, { reason }),
  selfDeclared: (uscc: string) => request<{ marks: SelfDeclaredMark[] }>('GET', `${org(uscc)}/facts/self-declared`),
  confirm: (uscc: string, fields: SelfDeclarableField[]) =>
    request<{ confirmed: SelfDeclarableField[]; marks: SelfDeclaredMark[] }>('POST', `${org(uscc)}/facts/confirm`, { fields } satisfies ConfirmFactsInput),
};
