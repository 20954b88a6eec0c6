/**
 * The one HTTP client of the web app. Every request carries the UI language (the server
 * translates error messages with it) and every write carries the CSRF token of the session.
 */
import type {
  ExpertInput, FileSource, IndustryMappingRule, Locale, Params, ProgramInput, RegistrySource, Role, ScreeningDecisionInput,
} from '@keping/core';
import type { ConflictRequest, ConflictResponse, Expert, ExpertImportReport, ExpertQuery } from './expertTypes';
import type {
  Candidate, Cycle, DataImportReport, Job, NewCycle, PoolImportReport, Publication, PublicCycle, PublicCycleSummary, QualityReport,
} from './indexTypes';
import type {
  Application, ApplicationDraft, ApplicationFile, Explained, Program, ScreeningDecision, ScreeningList, ScreeningRunSummary,
} from './programTypes';
import type {
  AuditEntry, AuditVerification, ImportReport, NewUser, Organisation, OrganisationInput, OrganisationQuery, Page,
  ServerFieldError, Session, SsoSettings, SsoSettingsInput, User,
} from './types';

/** A non-2xx answer: `{error: {code, field, params, message, errors}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly params: Params;
  readonly errors: ServerFieldError[];

  constructor(status: number, body: unknown) {
    const e = errorBody(body);
    super(e.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = e.code || 'HTTP_' + status;
    this.field = e.field;
    this.params = e.params ?? {};
    this.errors = e.errors ?? [];
  }
}

interface ErrorBody {
  code: string;
  field?: string;
  params?: Params;
  message: string;
  errors?: ServerFieldError[];
}

function errorBody(body: unknown): ErrorBody {
  const error = (body as { error?: Partial<ErrorBody> } | null)?.error;
  if (!error || typeof error !== 'object') return { code: '', message: '' };
  return {
    code: String(error.code ?? ''),
    message: String(error.message ?? ''),
    ...(error.field ? { field: String(error.field) } : {}),
    ...(error.params ? { params: error.params } : {}),
    ...(Array.isArray(error.errors) ? { errors: error.errors } : {}),
  };
}

let csrfToken = '';
let language: Locale = 'zh-CN';
let onUnauthenticated: (() => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setApiLanguage(locale: Locale): void {
  language = locale;
}
/** Called when the server answers 401 to a request made while logged in (session expired). */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function headers(write: boolean, json: boolean): Record<string, string> {
  return {
    Accept: 'application/json',
    'Accept-Language': language,
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...(write && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
}

/** JSON body, or an error body wrapping whatever text came back (a proxy's HTML page, say). */
export function parseText(text: string, status: number): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: { code: 'HTTP_' + status, message: text.slice(0, 200) } };
  }
}

async function parse(response: Response): Promise<unknown> {
  return parseText(await response.text(), response.status);
}

async function raw(method: string, path: string, body?: unknown): Promise<Response> {
  const write = method !== 'GET' && method !== 'HEAD';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headers(write, body !== undefined),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    const error = new ApiError(response.status, await parse(response));
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw error;
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await parse(await raw(method, path, body))) as T;
}

/** Fetches a file and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await raw('GET', path);
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface Upload<T> {
  promise: Promise<T>;
  abort: () => void;
}

/** Multipart upload with XMLHttpRequest, because fetch reports no upload progress. */
export function upload<T>(path: string, file: File, onProgress: (percent: number) => void): Upload<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers(true, false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => onProgress(100);
    xhr.onload = () => {
      const body = parseText(xhr.responseText, xhr.status);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        if (xhr.status === 401) onUnauthenticated?.();
        reject(new ApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { error: { code: 'NETWORK', message: '' } }));
    xhr.onabort = () => reject(new ApiError(0, { error: { code: 'ABORTED', message: '' } }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

const org = (uscc: string) => `/api/organisations/${encodeURIComponent(uscc)}`;
const cycle = (id: number) => `/api/index-cycles/${id}`;
const publicCycle = (id: number) => `/api/public/index-cycles/${id}`;
const application = (id: number) => `/api/applications/${id}`;
const expert = (id: number) => `/api/experts/${id}`;

export const api = {
  login: (username: string, password: string) => request<Session>('POST', '/api/auth/login', { username, password }),
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
  me: () => request<Session>('GET', '/api/auth/me'),
  setLocale: (locale: Locale) => request<{ user: User }>('PUT', '/api/auth/locale', { locale }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ user: User }>('POST', '/api/auth/password', { currentPassword, newPassword }),

  listOrganisations: (query: OrganisationQuery) =>
    request<Page<Organisation>>('GET', `/api/organisations${queryString({ ...query })}`),
  getOrganisation: (uscc: string) => request<Organisation>('GET', org(uscc)),
  createOrganisation: (input: OrganisationInput) => request<Organisation>('POST', '/api/organisations', input),
  updateOrganisation: (uscc: string, input: OrganisationInput) => request<Organisation>('PUT', org(uscc), input),
  organisationHistory: (uscc: string) => request<{ entries: AuditEntry[] }>('GET', `${org(uscc)}/history`),
  importOrganisations: (file: File, dryRun: boolean, onProgress: (percent: number) => void) =>
    upload<ImportReport>(`/api/organisations/import?dryRun=${dryRun}`, file, onProgress),
  downloadTemplate: () => download('/api/organisations/template.xlsx', 'organisations-template.xlsx'),
  downloadExport: (query: OrganisationQuery) =>
    download(`/api/organisations/export.xlsx${queryString({ ...query, page: undefined, pageSize: undefined })}`,
      'organisations.xlsx'),

  listUsers: () => request<{ items: User[] }>('GET', '/api/users'),
  createUser: (user: NewUser) => request<User>('POST', '/api/users', user),
  disableUser: (id: User['id']) => request<User>('POST', `/api/users/${encodeURIComponent(String(id))}/disable`),
  enableUser: (id: User['id']) => request<User>('POST', `/api/users/${encodeURIComponent(String(id))}/enable`),
  grantRole: (id: User['id'], role: Role, organisationUscc?: string) =>
    request<User>('PUT', `/api/users/${encodeURIComponent(String(id))}/role`, { role, organisationUscc }),
  ssoInfo: () => request<{ enabled: boolean; displayName: string | null }>('GET', '/api/auth/sso'),
  ssoSettings: () => request<SsoSettings>('GET', '/api/sso/settings'),
  saveSsoSettings: (input: SsoSettingsInput) => request<SsoSettings>('PUT', '/api/sso/settings', input),
  resetUserPassword: (id: User['id']) =>
    request<{ user: User; temporaryPassword: string }>('POST', `/api/users/${encodeURIComponent(String(id))}/password-reset`),

  listAudit: (query: { subjectType?: string; subjectId?: string; page?: number; pageSize?: number }) =>
    request<Page<AuditEntry>>('GET', `/api/audit${queryString(query)}`),
  verifyAudit: () => request<AuditVerification>('GET', '/api/audit/verify'),

  getIndustryMapping: () => request<{ rules: IndustryMappingRule[] }>('GET', '/api/industry-mapping'),
  saveIndustryMapping: (rules: IndustryMappingRule[]) =>
    request<{ rules: IndustryMappingRule[] }>('PUT', '/api/industry-mapping', { rules }),

  listCycles: () => request<{ items: Cycle[] }>('GET', '/api/index-cycles'),
  createCycle: (input: NewCycle) => request<Cycle>('POST', '/api/index-cycles', input),
  updateCycle: (id: number, input: NewCycle) => request<Cycle>('PUT', `/api/index-cycles/${id}`, input),
  getCycle: (id: number) => request<Cycle>('GET', cycle(id)),
  roundCycle: (roundId: number) => request<Cycle>('GET', `/api/index-rounds/${roundId}/cycle`),
  prepareRoundCycle: (roundId: number) => request<Cycle>('POST', `/api/index-rounds/${roundId}/cycle`),
  listCandidates: (id: number) => request<{ items: Candidate[] }>('GET', `${cycle(id)}/candidates`),
  addRegistrySource: (id: number, source: RegistrySource) =>
    request<{ added: number; merged: number }>('POST', `${cycle(id)}/pool/registry`, { source }),
  importPool: (id: number, source: FileSource, file: File, onProgress: (percent: number) => void) =>
    upload<PoolImportReport>(`${cycle(id)}/pool/import${queryString({ source })}`, file, onProgress),
  downloadDataTemplate: (id: number) => download(`${cycle(id)}/template.xlsx`, `index-data-${id}.xlsx`),
  importData: (id: number, file: File, dryRun: boolean, onProgress: (percent: number) => void) =>
    upload<DataImportReport>(`${cycle(id)}/data/import?dryRun=${dryRun}`, file, onProgress),
  quality: (id: number) => request<QualityReport>('GET', `${cycle(id)}/quality`),
  compute: (id: number) => request<Job>('POST', `${cycle(id)}/compute`),
  getJob: (id: number) => request<Job>('GET', `/api/jobs/${id}`),
  setExclusion: (id: number, uscc: string, excluded: boolean, reason: string) =>
    request<{ ok: true }>('POST', `${cycle(id)}/candidates/${encodeURIComponent(uscc)}/exclusion`, { excluded, reason }),
  publish: (id: number) => request<Publication>('POST', `${cycle(id)}/publish`),

  listPrograms: () => request<{ items: Program[] }>('GET', '/api/programs'),
  getProgram: (id: number) => request<Program>('GET', `/api/programs/${id}`),
  createProgram: (input: ProgramInput) => request<Program>('POST', '/api/programs', input),
  updateProgram: (id: number, input: ProgramInput) => request<Program>('PUT', `/api/programs/${id}`, input),
  copyProgram: (id: number) => request<Program>('POST', `/api/programs/${id}/copy`),
  listScreening: (roundId: number) => request<ScreeningList>('GET', `/api/rounds/${roundId}/screening`),
  runScreening: (roundId: number) => request<ScreeningRunSummary>('POST', `/api/rounds/${roundId}/screening/run`),
  decideScreening: (roundId: number, decision: ScreeningDecisionInput) =>
    request<ScreeningDecision>('POST', `/api/rounds/${roundId}/screening/decisions`, decision),
  closeRound: (roundId: number) =>
    request<{ closedAt: string; advanced: number; rejected: number }>('POST', `/api/rounds/${roundId}/close`),

  /** The applicant portal. */
  openCalls: () => request<{ items: Program[] }>('GET', '/api/calls'),
  getCall: (id: number) => request<Program>('GET', `/api/calls/${id}`),
  listApplications: (query: { programId?: number } = {}) =>
    request<{ items: Application[] }>('GET', `/api/applications${queryString(query)}`),
  getApplication: (id: number) => request<Application>('GET', application(id)),
  createApplication: (programId: number, draft: ApplicationDraft) =>
    request<Application>('POST', '/api/applications', { programId, ...draft }),
  updateApplication: (id: number, draft: ApplicationDraft) => request<Application>('PUT', application(id), draft),
  attachFile: (id: number, key: string, file: File, onProgress: (percent: number) => void) =>
    upload<ApplicationFile>(`${application(id)}/attachments${queryString({ key })}`, file, onProgress),
  downloadAttachment: (id: number, file: ApplicationFile) => download(`${application(id)}/files/${file.id}`, file.originalName),
  previewEligibility: (id: number) => request<Explained>('GET', `${application(id)}/eligibility`),
  submitApplication: (id: number) => request<Application>('POST', `${application(id)}/submit`),
  withdrawApplication: (id: number) => request<Application>('POST', `${application(id)}/withdraw`),

  /** The expert pool (专家库). */
  listExperts: (query: ExpertQuery) => request<Page<Expert>>('GET', `/api/experts${queryString({ ...query })}`),
  getExpert: (id: number) => request<Expert>('GET', expert(id)),
  expertHistory: (id: number) => request<{ entries: AuditEntry[] }>('GET', `${expert(id)}/history`),
  createExpert: (input: ExpertInput) => request<Expert>('POST', '/api/experts', input),
  updateExpert: (id: number, input: ExpertInput) => request<Expert>('PUT', expert(id), input),
  setExpertActive: (id: number, active: boolean) =>
    request<Expert>('POST', `${expert(id)}/${active ? 'activate' : 'deactivate'}`),
  importExperts: (file: File, dryRun: boolean, onProgress: (percent: number) => void) =>
    upload<ExpertImportReport>(`/api/experts/import?dryRun=${dryRun}`, file, onProgress),
  downloadExpertTemplate: () => download('/api/experts/template.xlsx', 'experts-template.xlsx'),
  expertConflicts: (body: ConflictRequest) => request<ConflictResponse>('POST', '/api/experts/conflicts', body),

  /** The public side: no session, no CSRF token. */
  publicCycles: () => request<{ items: PublicCycleSummary[] }>('GET', '/api/public/index-cycles'),
  publicCycle: (id: number) => request<PublicCycle>('GET', publicCycle(id)),
  publicListUrl: (id: number, format: 'xlsx' | 'pdf') => `${publicCycle(id)}/list.${format}`,
  downloadPublicList: (id: number, format: 'xlsx' | 'pdf') =>
    download(`${publicCycle(id)}/list.${format}`, `top-list-${id}.${format}`),
};
