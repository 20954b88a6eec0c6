/**
 * The site's SMTP server (KEPING_SMTP_URL, e.g. smtps://user:password@smtp.example.cn:465), or none:
 * without it no mail is queued. One transport is kept while the URL stays the same.
 */
import { createTransport, type Transporter } from 'nodemailer';

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

let transport: { url: string; transporter: Transporter } | undefined;

export function transporterFor(config: MailConfig): Transporter {
  if (transport?.url !== config.url) transport = { url: config.url, transporter: createTransport(config.url) };
  return transport.transporter;
}
