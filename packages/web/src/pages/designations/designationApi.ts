/** Designations (认定) of an organisation: read with their history, grant, record a dated step. */
import type { Designation, DesignationEventInput, DesignationGrantInput, DesignationImportColumn, ImportReport } from '@keping/core';
import { download, request, upload } from '../../api';

export const designationApi = {
  listOf: (uscc: string) => request<{ items: Designation[] }>('GET', `/api/organisations/${encodeURIComponent(uscc)}/designations`),
  grant: (input: DesignationGrantInput) => request<Designation>('POST', '/api/designations', input),
  addEvent: (id: number, input: DesignationEventInput) => request<Designation>('POST', `/api/designations/${id}/events`, input),
};

export type DesignationImportReport = ImportReport<DesignationImportColumn>;

export const designationImportApi = {
  upload: (file: File, dryRun: boolean, onProgress: (percent: number) => void) =>
    upload<DesignationImportReport>(`/api/designations/import?dryRun=${dryRun}`, file, onProgress),
  downloadTemplate: () => download('/api/designations/template.xlsx', 'designations-template.xlsx'),
};
