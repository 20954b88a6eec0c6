/** Awards (奖项), the publication (公示) with objections (异议), certificates and their public verification. */
import type {
  AwardTypeInput, NominationDecisionInput, NominationInput, ObjectionInput, ObjectionInvestigationInput, ObjectionResolutionInput,
  PublishInput,
} from '@keping/core';
import { ApiError, download, headers, parseText, request } from './api';
import type {
  AwardType, AwardWithNominations, Certificate, FiledObjection, Nomination, Objection, OfficePublication, PublicPublication,
  PublicPublicationSummary, ResolvedObjection, Verification,
} from './publicationTypes';

/** What the objection form sends: core's ObjectionInput before the server trims and coerces it. */
export type ObjectionDraft = Omit<ObjectionInput, 'organisation'> & { organisation?: string | undefined };

/** Multipart POST (fields and one file) without a session; the server answers in the UI language. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: headers(true, false), body: form });
  } catch {
    throw new ApiError(0, { error: { code: 'NETWORK', message: '' } });
  }
  const body = parseText(await response.text(), response.status);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

const publication = (id: number) => `/api/publications/${id}`;
const publicPublication = (id: number) => `/api/public/publications/${id}`;

export const publicationApi = {
  listAwards: (programId: number) => request<{ items: AwardWithNominations[] }>('GET', `/api/programs/${programId}/awards`),
  createAwardType: (programId: number, input: AwardTypeInput) =>
    request<AwardType>('POST', `/api/programs/${programId}/award-types`, input),
  nominate: (awardTypeId: number, input: NominationInput) =>
    request<Nomination>('POST', `/api/award-types/${awardTypeId}/nominations`, input),
  decideNomination: (id: number, input: NominationDecisionInput) =>
    request<Nomination>('POST', `/api/nominations/${id}/decision`, input),

  /** The program's list, or null before the first draft. */
  getPublication: async (programId: number): Promise<OfficePublication | null> => {
    try {
      return await request<OfficePublication>('GET', `/api/programs/${programId}/publication`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  draftPublication: (programId: number) => request<OfficePublication>('POST', `/api/programs/${programId}/publication`),
  publish: (id: number, input: PublishInput) => request<OfficePublication>('POST', `${publication(id)}/publish`, input),
  finalise: (id: number) => request<OfficePublication>('POST', `${publication(id)}/finalise`),
  investigate: (id: number, input: ObjectionInvestigationInput) => request<Objection>('POST', `/api/objections/${id}/investigate`, input),
  resolve: (id: number, input: ObjectionResolutionInput) => request<ResolvedObjection>('POST', `/api/objections/${id}/resolve`, input),
  downloadEvidence: (objection: Objection) =>
    download(`/api/objections/${objection.id}/evidence`, objection.evidence?.name ?? `evidence-${objection.id}`),
  issueCertificates: (id: number) => request<{ issued: number; items: Certificate[] }>('POST', `${publication(id)}/certificates`),
  listCertificates: (id: number) => request<{ items: Certificate[] }>('GET', `${publication(id)}/certificates`),
  downloadCertificate: (serial: string) => download(`/api/certificates/${encodeURIComponent(serial)}/pdf`, `${serial}.pdf`),

  /** The public side: no session, no CSRF token. */
  publicPublications: () => request<{ items: PublicPublicationSummary[] }>('GET', '/api/public/publications'),
  publicPublication: (id: number) => request<PublicPublication>('GET', publicPublication(id)),
  /** JSON without evidence, multipart with it (the text fields, then the file). */
  fileObjection: (id: number, draft: ObjectionDraft, evidence: File | null) => {
    const url = `${publicPublication(id)}/objections`;
    if (!evidence) return request<FiledObjection>('POST', url, draft);
    const form = new FormData();
    for (const [k, v] of Object.entries(draft)) if (v !== undefined && v !== '') form.append(k, String(v));
    form.append('file', evidence, evidence.name);
    return postForm<FiledObjection>(url, form);
  },
  verifyCertificate: (serial: string, hash: string) =>
    request<Verification>('GET', `/api/public/certificates/${encodeURIComponent(serial)}${hash ? `?h=${encodeURIComponent(hash)}` : ''}`),
};
