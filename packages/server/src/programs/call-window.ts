/** Whether a call takes applications now: published, opened, not yet closed (Shanghai times in the messages). */
import { KepingError, presetOf, PROGRAM_TYPES, type ProgramType, shanghaiDateTime } from '@keping/core';
import type { ProgramRow } from './program.repository.js';

export function assertCallOpen(program: ProgramRow, now: Date): void {
  // Evaluations and indices draw their entries from a pool: nobody applies to them.
  if (!(PROGRAM_TYPES as readonly string[]).includes(program.type) || presetOf(program.type as ProgramType).entries !== 'applications') {
    throw new KepingError('CALL_TAKES_NO_APPLICATIONS', { status: 409 });
  }
  if (program.status !== 'published') throw new KepingError('CALL_NOT_OPEN', { status: 409 });
  const at = now.toISOString();
  if (at < program.opens_at) {
    throw new KepingError('CALL_NOT_YET_OPEN', { params: { opensAt: shanghaiDateTime(program.opens_at) }, status: 409 });
  }
  if (at >= program.closes_at) {
    throw new KepingError('CALL_CLOSED', { params: { closesAt: shanghaiDateTime(program.closes_at) }, status: 409 });
  }
}
