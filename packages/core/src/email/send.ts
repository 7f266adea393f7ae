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
 * Renders `template` with the merchant's branding and sends it through `mailer`
 * (see createMailer for sent / queued / failed). Invalid data throws a ZodError before
 * anything is written. The message comes "from" the merchant's name at EMAIL_FROM's address.
 */
export async function sendTemplate<T extends EmailTemplateName>(
  em: EntityManager,
  mailer: Mailer,
  input: SendTemplateInput<T>,
): Promise<EmailSendResult> {
  const data = EMAIL_TEMPLATE_SCHEMAS[input.template].parse(input.data) as TEmailTemplateData<T>;
  const rendered = renderParsed(input.template, input.merchant, data);
  const masked = maskSecrets(input.template, data);
  const maskedRender = renderParsed(input.template, input.merchant, masked);
  const storedData = toJson(masked);
  return mailer.send(em, {
    to: input.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    fromName: input.merchant.merchantName,
    template: input.template,
    // Without SMTP the outbox IS the delivery, so it keeps the real data to re-render.
    templateData: toJson(data),
    storedCopy: { text: maskedRender.text, html: maskedRender.html, templateData: storedData },
    ...(input.merchantId !== undefined ? { merchantId: input.merchantId } : {}),
    ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
    ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
  });
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
