/** Every background job kind the server runs, in one place. */
import { COMPUTE_JOB, computeCycle } from '../rounds/index/compute.job.js';
import { MAIL_JOB, sendMail } from '../mail/mail.js';
import type { JobHandler } from './job.service.js';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  [COMPUTE_JOB]: computeCycle,
  [MAIL_JOB]: sendMail,
};
