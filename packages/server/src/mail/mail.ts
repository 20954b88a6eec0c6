/**
 * E-mail, sent only when the site has an SMTP server (KEPING_SMTP_URL, e.g.
 * smtps://user:password@smtp.example.cn:465). A message is queued as a background job in the same
 * transaction as the action that causes it (an outbox): it goes out only if the action commits, and a
 * failed delivery is a failed job, with an in-app notice to the office, never a failed action.
 */
import { KepingError, type Locale, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { enqueueJob, type JobRun } from '../jobs/job.service.js';
import { notifyOffice } from '../notifications/notification.service.js';

export const MAIL_JOB = 'mail.send';

export interface MailConfig {
  url: string;
  from: string;
}

/** The SMTP settings, or null when e-mail is off. */
export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const url = env.KEPING_SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.KEPING_MAIL_FROM?.trim() || 'Keping <noreply@localhost>' };
}

const messageSchema = z.object({ to: z.email(), subject: z.string().min(1), text: z.string().min(1) });
export type MailMessage = z.infer<typeof messageSchema>;

/** Queues one message per recipient, written as `mail.<kind>.subject` / `.body` in the recipient's language. */
export async function queueMail(db: Kysely<Database>, ctx: RequestContext, recipients: { email: string; locale: Locale; params: Record<string, string | number> }[], kind: string): Promise<number> {
  if (!mailConfig()) return 0;
  for (const r of recipients) {
    const message: MailMessage = {
      to: r.email,
      subject: translate(r.locale, `mail.${kind}.subject`, r.params),
      text: translate(r.locale, `mail.${kind}.body`, r.params),
    };
    await enqueueJob(db, ctx, MAIL_JOB, message);
  }
  return recipients.length;
}

let transport: { url: string; transporter: Transporter } | undefined;

/** The job handler: delivers one queued message over SMTP. */
export async function sendMail(store: Store, input: unknown, run: JobRun): Promise<{ to: string; messageId: string }> {
  const config = mailConfig();
  if (!config) throw new KepingError('MAIL_NOT_CONFIGURED', { status: 409 });
  const message = messageSchema.parse(input);
  if (transport?.url !== config.url) transport = { url: config.url, transporter: createTransport(config.url) };
  try {
    const info = await transport.transporter.sendMail({ from: config.from, ...message });
    return { to: message.to, messageId: String(info.messageId) };
  } catch (error) {
    const params = { to: message.to, detail: error instanceof Error ? error.message : String(error) };
    await notifyOffice(store.db, 'mail.failed', params, run.ctx.now().toISOString());
    throw new KepingError('MAIL_SEND_FAILED', { params });
  }
}
