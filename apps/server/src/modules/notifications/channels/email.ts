import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError, type NotificationChannel } from './channel.ts';

export interface SmtpSettings {
  host?: string | undefined;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS. */
  secure: boolean;
  /** Refuse to send when the server does not offer STARTTLS. */
  requireTLS: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
  /** PEM file of a private CA that signed the relay's certificate. */
  caFile?: string | undefined;
  timeoutMs: number;
}

/** Email over SMTP with STARTTLS (or implicit TLS): a text and an HTML part, both from render.ts. */
export class EmailChannel implements NotificationChannel {
  readonly kind = 'email';
  private readonly transport: Transporter | undefined;

  constructor(private readonly smtp: SmtpSettings) {
    if (!smtp.host) return;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTLS,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      tls: { minVersion: 'TLSv1.2', ...(smtp.caFile ? { ca: readFileSync(smtp.caFile, 'utf8') } : {}) },
      connectionTimeout: smtp.timeoutMs,
      greetingTimeout: smtp.timeoutMs,
      socketTimeout: smtp.timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(contact: Parameters<NotificationChannel['send']>[0], rendered: Parameters<NotificationChannel['send']>[1], deliveryId: number): Promise<void> {
    if (!this.transport) throw new DeliveryError('SMTP is not configured (notifications.smtp.host)');
    if (!contact.email) throw new DeliveryError('the contact has no email address');
    if (rendered.channel !== 'email') throw new DeliveryError('not an email rendering');
    try {
      await this.transport.sendMail({
        from: this.smtp.from,
        to: { name: contact.name, address: contact.email },
        subject: rendered.email.subject,
        text: rendered.email.text,
        html: rendered.email.html,
        headers: { 'X-Mamori-Delivery': String(deliveryId) },
      });
    } catch (err) {
      throw new DeliveryError(`SMTP: ${(err as Error).message}`);
    }
  }

  close(): void {
    this.transport?.close();
  }
}
