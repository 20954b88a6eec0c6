import { useCallback } from 'react';
import { api } from '../../api';
import { HistoryTimeline } from '../../components/HistoryTimeline';

/** GET /api/organisations/:uscc/history as a timeline. */
export function OrganisationHistory({ uscc }: { uscc: string }) {
  const load = useCallback(() => api.organisationHistory(uscc), [uscc]);
  return <HistoryTimeline load={load} testId="org-history" />;
}
