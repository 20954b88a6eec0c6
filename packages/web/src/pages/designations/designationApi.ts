/** Designations (认定) of an organisation: read with their history, grant, record a dated step. */
import type { Designation, DesignationEventInput, DesignationGrantInput } from '@keping/core';
import { request } from '../../api';

export const designationApi = {
  listOf: (uscc: string) => request<{ items: Designation[] }>('GET', `/api/organisations/${encodeURIComponent(uscc)}/designations`),
  grant: (input: DesignationGrantInput) => request<Designation>('POST', '/api/designations', input),
  addEvent: (id: number, input: DesignationEventInput) => request<Designation>('POST', `/api/designations/${id}/events`, input),
};
