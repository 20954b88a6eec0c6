/** Whether a call takes applications now: published, opened, not yet closed (Shanghai times in the messages). */
import { KepingError, shanghaiDateTime } from '@keping/core';
import type { ProgramRow } from './program.repository.js';

export function assertCallOpen(program: ProgramRow, now: Date): void {
  if (program.status !== 'published') throw new KepingError('CALL_NOT_OPEN', { status: 409 });
  const at = now.toISOString();
  if (at < program.opens_at) {
    throw new KepingError('CALL_NOT_YET_OPEN', { params: { opensAt: shanghaiDateTime(program.opens_at) }, status: 409 });
  }
  if (at >= program.closes_at) {
    throw new KepingError('CALL_CLOSED', { params: { closesAt: shanghaiDateTime(program.closes_at) }, status: 409 });
  }
}
