/** Every background job the server runs, listed once: a worker runs only these definitions. */
import { auditCheckpointJob } from '../audit/checkpoint.job.js';
import { sendMailJob } from '../mail/mail.job.js';
import { computeIndexJob } from '../rounds/index/compute.job.js';
import { jobRegistry } from './define-job.js';

export const JOBS = jobRegistry([computeIndexJob, sendMailJob, auditCheckpointJob]);
