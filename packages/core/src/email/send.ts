import type { EntityManager } from "@portico/db";
import type { EmailSendResult, Mailer } from "./mailer.js";
import {
  EMAIL_TEMPLATE_SCHEMAS,
  EMAIL_TEMPLATE_SECRETS,
  renderParsed,
  type EmailBranding,
  type EmailTemplateName,
  type TEmailTemplateData,
  type TEmailTemplateInput,
} from "./templates.js";

export const REDACTED = "[redacted]";

export interface SendTemplateInput<T extends EmailTemplateName> {
  merchant: EmailBranding;
  to: string;
  template: T;
  data: TEmailTemplateInput<T>;
  /** Internal ids the outbox row is linked to (the console lists a merchant's e-mails). */
  merchantId?: number;
  customerId?: number;
  replyTo?: string;
}

/**
 * Renders `template` with the merchant's branding and queues it through `mailer` (see
 * createMailer): the outbox row and its `email.send` job are written with `em`, in the
 * caller's transaction, and nothing waits for SMTP. Invalid data throws a ZodError before
 * anything is written. The message comes "from" the merchant's name at EMAIL_FROM's address.
 */
export async function sendTemplate<T extends EmailTemplateName>(
  em: EntityManager,
  mailer: Mailer,
  input: SendTemplateInput<T>,
): Promise<EmailSendResult> {
  const data = EMAIL_TEMPLATE_SCHEMAS[input.template].parse(input.data) as TEmailTemplateData<T>;
  const rendered = renderParsed(input.template, input.merchant, data);
  return mailer.send(em, {
    to: input.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    fromName: input.merchant.merchantName,
    template: input.template,
    // Kept until delivered: without SMTP the outbox is the delivery and re-renders from it.
    templateData: toJson(data),
    ...(EMAIL_TEMPLATE_SECRETS[input.template].length > 0
      ? { storedCopy: maskedCopy(input.template, input.merchant, data) }
      : {}),
    ...(input.merchantId !== undefined ? { merchantId: input.merchantId } : {}),
    ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
    ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
  });
}

/** The message as the outbox keeps it once SMTP has it: every secret field masked. */
function maskedCopy<T extends EmailTemplateName>(
  template: T,
  branding: EmailBranding,
  data: TEmailTemplateData<T>,
): { text: string; html: string; templateData: Record<string, unknown> } {
  const masked = maskSecrets(template, data);
  const render = renderParsed(template, branding, masked);
  return { text: render.text, html: render.html, templateData: toJson(masked) };
}

function maskSecrets<T extends EmailTemplateName>(
  template: T,
  data: TEmailTemplateData<T>,
): TEmailTemplateData<T> {
  const copy = { ...data } as Record<string, unknown>;
  for (const key of EMAIL_TEMPLATE_SECRETS[template]) copy[key as string] = REDACTED;
  return copy as TEmailTemplateData<T>;
}

/** JSON-safe copy (dates become ISO strings) for the jsonb column. */
function toJson(data: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
