/**
 * The mail job: delivers one queued message over SMTP. A failed delivery is a failed job and an
 * in-app notice to the office, never a failed action (the action committed when it queued the mail).
 */
import { KepingError } from '@keping/core';
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { notifyOffice } from '../notifications/notification.service.js';
import { mailConfig, transporterFor } from './smtp.js';

export const mailMessageSchema = z.object({ to: z.email(), subject: z.string().min(1), text: z.string().min(1) });
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const sendMailJob = defineJob({
  id: 'mail.send',
  version: 1,
  input: mailMessageSchema,
  async handler(store, message, run): Promise<{ to: string; messageId: string }> {
    const config = mailConfig();
    if (!config) throw new KepingError('MAIL_NOT_CONFIGURED', { status: 409 });
    try {
      const info = await transporterFor(config).sendMail({ from: config.from, ...message });
      return { to: message.to, messageId: String(info.messageId) };
    } catch (error) {
      const params = { to: message.to, detail: error instanceof Error ? error.message : String(error) };
      await notifyOffice(store.db, 'mail.failed', params, run.ctx.now().toISOString());
      throw new KepingError('MAIL_SEND_FAILED', { params });
    }
  },
});
