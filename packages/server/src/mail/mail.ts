/**
 * E-mail, sent only when the site has an SMTP server (smtp.ts). A message is queued as a background
 * job (mail.job.ts) in the same transaction as the action that causes it (an outbox): it goes out
 * only if the action commits.
 */
import { type Locale, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { enqueueJob } from '../jobs/job.service.js';
import { type MailMessage, sendMailJob } from './mail.job.js';
import { mailConfig } from './smtp.js';

/** Queues one message per recipient, written as `mail.<kind>.subject` / `.body` in the recipient's language. */
export async function queueMail(db: Kysely<Database>, ctx: RequestContext, recipients: { email: string; locale: Locale; params: Record<string, string | number> }[], kind: string): Promise<number> {
  if (!mailConfig()) return 0;
  for (const r of recipients) {
    const message: MailMessage = {
      to: r.email,
      subject: translate(r.locale, `mail.${kind}.subject`, r.params),
      text: translate(r.locale, `mail.${kind}.body`, r.params),
    };
    await enqueueJob(db, ctx, sendMailJob, message);
  }
  return recipients.length;
}
