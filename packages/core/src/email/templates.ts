import { z } from "zod";

/**
 * Transactional e-mail templates. Every template renders a plain-text and a simple
 * inline-styled HTML body from typed, zod-checked data plus the merchant's branding.
 *
 * Safety rules kept here rather than by callers:
 * - every interpolated value in HTML goes through `escapeHtml`;
 * - the primary colour is used only when it is a hex colour (it lands in `style`
 *   attributes, where escaping alone would not stop CSS injection);
 * - links and the logo are used only when they are http(s) URLs (no `javascript:`);
 * - subjects never carry a secret (code or link) and have no line breaks, so the
 *   subject can be logged.
 */

export interface EmailBranding {
  merchantName: string;
  /** `#rgb` / `#rrggbb`; anything else falls back to the default colour. */
  primaryColor?: string | null;
  /** http(s) URL of the logo; anything else is ignored. */
  logoUrl?: string | null;
}

export const DEFAULT_PRIMARY_COLOR = "#2563eb";

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });

export const ZLoginCodeData = z.object({
  code: z.string().regex(/^\d{6}$/, "a 6-digit code"),
  expiresInMinutes: z.number().int().positive().default(10),
});
/** A customer changing its billing e-mail proves the new address with this code. */
export const ZEmailChangeCodeData = z.object({
  code: z.string().regex(/^\d{6}$/, "a 6-digit code"),
  expiresInMinutes: z.number().int().positive().default(10),
});
export const ZPasswordResetData = z.object({
  resetUrl: httpUrl,
  expiresInMinutes: z.number().int().positive().default(30),
});
export const ZInviteData = z.object({
  /** Which sign-in the invite leads to: the merchant's console or the customer portal. */
  surface: z.enum(["console", "portal"]),
  inviteUrl: httpUrl,
  inviterName: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  /** Portal invites: the customer account the user joins. */
  accountName: z.string().min(1).max(200).optional(),
  expiresInHours: z.number().int().positive().optional(),
});
/** Portal self-registration: the link that proves the e-mail and opens account creation. */
export const ZRegistrationData = z.object({
  registerUrl: httpUrl,
  /** The customer account the new login joins. */
  accountName: z.string().min(1).max(200),
  expiresInHours: z.number().int().positive().default(24),
});
export const ZLockoutNoticeData = z.object({
  lockedUntil: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "a valid date"),
  /** IANA time zone the time is shown in. */
  timeZone: z
    .string()
    .default("UTC")
    .refine((zone) => isTimeZone(zone), "an IANA time zone"),
  /** BCP 47 locale for the date format. */
  locale: z
    .string()
    .default("en")
    .refine((tag) => isLocale(tag), "a BCP 47 locale"),
});
/** A statement the customer (or the merchant for them) asked for has been generated. */
export const ZStatementReadyData = z.object({
  /** The portal's statements page, where the file is downloaded (links to files expire). */
  statementsUrl: httpUrl,
  periodStart: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "a valid date"),
  /** The last day the statement covers (inclusive). */
  periodEnd: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "a valid date"),
  format: z.enum(["pdf", "csv", "xlsx"]),
  /** IANA time zone the days are shown in (the merchant's). */
  timeZone: z
    .string()
    .default("UTC")
    .refine((zone) => isTimeZone(zone), "an IANA time zone"),
});

/** An automatic charge of an invoice failed; the customer can pay it in the portal. */
export const ZPaymentFailedData = z.object({
  invoiceNumber: z.string().min(1).max(64),
  /** What is still owed, in minor units of `currency`. */
  amountDue: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code"),
  /** The portal's invoices page, where the invoice is paid (it asks the customer to sign in). */
  payUrl: httpUrl,
  /** When the card is charged again; absent after the last retry. */
  nextAttemptAt: z.coerce
    .date()
    .refine((d) => !Number.isNaN(d.getTime()), "a valid date")
    .optional(),
  timeZone: z
    .string()
    .default("UTC")
    .refine((zone) => isTimeZone(zone), "an IANA time zone"),
});

export const EMAIL_TEMPLATE_SCHEMAS = {
  login_code: ZLoginCodeData,
  password_reset: ZPasswordResetData,
  invite: ZInviteData,
  registration: ZRegistrationData,
  lockout_notice: ZLockoutNoticeData,
  statement_ready: ZStatementReadyData,
  payment_failed: ZPaymentFailedData,
  email_change_code: ZEmailChangeCodeData,
} as const;

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATE_SCHEMAS;
export const EMAIL_TEMPLATE_NAMES = Object.keys(EMAIL_TEMPLATE_SCHEMAS) as EmailTemplateName[];

/** What callers pass (defaults optional). */
export type TEmailTemplateInput<T extends EmailTemplateName> = z.input<(typeof EMAIL_TEMPLATE_SCHEMAS)[T]>;
/** What templates receive (defaults applied). */
export type TEmailTemplateData<T extends EmailTemplateName> = z.output<(typeof EMAIL_TEMPLATE_SCHEMAS)[T]>;

/**
 * Fields that are credentials: they never reach the log, and are masked in the copy kept
 * in the outbox once SMTP has delivered the message (see mailer.ts).
 */
export const EMAIL_TEMPLATE_SECRETS: { [T in EmailTemplateName]: readonly (keyof TEmailTemplateData<T>)[] } =
  {
    login_code: ["code"],
    password_reset: ["resetUrl"],
    invite: ["inviteUrl"],
    registration: ["registerUrl"],
    lockout_notice: [],
    statement_ready: [],
    payment_failed: [],
    email_change_code: ["code"],
  };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Validates `data` for `template` and renders subject, text and HTML. Throws ZodError on bad data. */
export function renderEmailTemplate<T extends EmailTemplateName>(
  template: T,
  branding: EmailBranding,
  data: TEmailTemplateInput<T>,
): RenderedEmail {
  const parsed = EMAIL_TEMPLATE_SCHEMAS[template].parse(data) as TEmailTemplateData<T>;
  return renderParsed(template, branding, parsed);
}

/** Renders already-validated data (used to re-render a copy with secrets masked). */
export function renderParsed<T extends EmailTemplateName>(
  template: T,
  branding: EmailBranding,
  data: TEmailTemplateData<T>,
): RenderedEmail {
  const content = (CONTENT[template] as (b: EmailBranding, d: TEmailTemplateData<T>) => Content)(
    branding,
    data,
  );
  return {
    subject: oneLine(content.subject),
    text: renderText(branding, content),
    html: renderHtml(branding, content),
  };
}

// ---------------------------------------------------------------------------------------

/** A message as paragraphs of plain strings; layouts escape them for HTML. */
interface Content {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** A code shown large (login code). */
  code?: string;
  action?: { label: string; url: string };
  footnote: string;
}

const CONTENT: { [T in EmailTemplateName]: (b: EmailBranding, d: TEmailTemplateData<T>) => Content } = {
  login_code: (b, d) => ({
    subject: `Your ${b.merchantName} sign-in code`,
    heading: "Your sign-in code",
    paragraphs: [
      `Use this code to sign in to ${b.merchantName}. It expires in ${minutes(d.expiresInMinutes)}.`,
    ],
    code: d.code,
    footnote:
      "If you did not try to sign in, you can ignore this e-mail; nobody can sign in without the code.",
  }),
  password_reset: (b, d) => ({
    subject: `Reset your ${b.merchantName} password`,
    heading: "Reset your password",
    paragraphs: [
      `Someone asked to reset the password of your ${b.merchantName} account.`,
      `The link works once and expires in ${minutes(d.expiresInMinutes)}.`,
    ],
    action: { label: "Choose a new password", url: d.resetUrl },
    footnote: "If you did not ask for this, ignore this e-mail: your password stays unchanged.",
  }),
  invite: (b, d) => {
    const place =
      d.surface === "console"
        ? `the ${b.merchantName} billing console`
        : d.accountName
          ? `the ${d.accountName} account on the ${b.merchantName} customer portal`
          : `the ${b.merchantName} customer portal`;
    const paragraphs = [`${d.inviterName} invited you to ${place} with the role ${humanize(d.role)}.`];
    if (d.expiresInHours !== undefined)
      paragraphs.push(`The invitation expires in ${hours(d.expiresInHours)}.`);
    return {
      subject: `${d.inviterName} invited you to ${b.merchantName}`,
      heading: "You have been invited",
      paragraphs,
      action: { label: "Accept the invitation", url: d.inviteUrl },
      footnote: "If you did not expect this invitation, you can ignore this e-mail.",
    };
  },
  registration: (b, d) => ({
    subject: `Finish creating your ${b.merchantName} account`,
    heading: "Finish creating your account",
    paragraphs: [
      `Someone asked to create a login for the ${d.accountName} account on the ${b.merchantName} customer portal with this e-mail address.`,
      `The link works once and expires in ${hours(d.expiresInHours)}.`,
    ],
    action: { label: "Create your login", url: d.registerUrl },
    footnote: "If you did not ask for this, ignore this e-mail: no login is created without the link.",
  }),
  lockout_notice: (b, d) => ({
    subject: `Your ${b.merchantName} account is temporarily locked`,
    heading: "Your account is temporarily locked",
    paragraphs: [
      `After several failed sign-in attempts, your ${b.merchantName} account is locked until ${formatTime(d)}.`,
      "You can sign in again after that time. If these attempts were not yours, change your password once the lock ends.",
    ],
    footnote: "This is an automatic security notice.",
  }),
  statement_ready: (b, d) => ({
    subject: `Your ${b.merchantName} account statement is ready`,
    heading: "Your account statement is ready",
    paragraphs: [
      `The statement of your ${b.merchantName} account for ${formatDay(d.periodStart, d.timeZone)} – ${formatDay(d.periodEnd, d.timeZone)} (${d.format.toUpperCase()}) is ready.`,
      "Sign in to the customer portal to download it; it stays there with your other statements.",
    ],
    action: { label: "View your statements", url: d.statementsUrl },
    footnote: "You receive this e-mail because a statement of your account was requested.",
  }),
  payment_failed: (b, d) => ({
    subject: `Your ${b.merchantName} payment did not go through`,
    heading: "Your payment did not go through",
    paragraphs: [
      `We could not charge your payment method ${formatMoney(d.amountDue, d.currency)} for invoice ${d.invoiceNumber}.`,
      d.nextAttemptAt
        ? `We will try again on ${formatDay(d.nextAttemptAt, d.timeZone)}. To avoid an interruption, update your payment method or pay the invoice now.`
        : "This was the last automatic attempt. Please pay the invoice now to settle your account.",
    ],
    action: { label: "Pay the invoice", url: d.payUrl },
    footnote: `You receive this e-mail because you have a subscription with ${b.merchantName}.`,
  }),
  email_change_code: (b, d) => ({
    subject: `Confirm your new ${b.merchantName} billing e-mail`,
    heading: "Confirm your new e-mail address",
    paragraphs: [
      `Enter this code in the ${b.merchantName} customer portal to make this address your billing e-mail. It expires in ${minutes(d.expiresInMinutes)}.`,
    ],
    code: d.code,
    footnote: "If you did not ask for this change, ignore this e-mail: your billing e-mail stays as it is.",
  }),
};

function renderText(branding: EmailBranding, c: Content): string {
  const lines = [branding.merchantName, "", c.heading, "", ...c.paragraphs.flatMap((p) => [p, ""])];
  if (c.code !== undefined) lines.push(`    ${c.code}`, "");
  if (c.action) lines.push(`${c.action.label}: ${c.action.url}`, "");
  lines.push(c.footnote);
  return `${lines.join("\n")}\n`;
}

function renderHtml(branding: EmailBranding, c: Content): string {
  const color = safeColor(branding.primaryColor);
  const name = escapeHtml(branding.merchantName);
  const logo = safeUrl(branding.logoUrl);
  const header = logo
    ? `<img src="${escapeHtml(logo)}" alt="${name}" style="max-height:48px;max-width:200px;border:0">`
    : `<span style="font-size:20px;font-weight:bold;color:${color}">${name}</span>`;
  const parts = [
    `<h1 style="font-size:20px;margin:0 0 16px;color:#111827">${escapeHtml(c.heading)}</h1>`,
    ...c.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`),
  ];
  if (c.code !== undefined) {
    parts.push(
      `<p style="margin:0 0 16px;font-size:32px;font-weight:bold;letter-spacing:6px;color:${color};font-family:monospace">${escapeHtml(c.code)}</p>`,
    );
  }
  if (c.action) {
    const url = escapeHtml(c.action.url);
    parts.push(
      `<p style="margin:0 0 16px"><a href="${url}" style="display:inline-block;padding:12px 20px;background:${color};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(c.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:12px;color:#6b7280;word-break:break-all">${url}</p>`,
    );
  }
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(oneLine(c.subject))}</title></head>`,
    `<body style="margin:0;padding:24px;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#374151">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${color}">`,
    `<tr><td style="padding:24px 24px 0">${header}</td></tr>`,
    `<tr><td style="padding:24px">${parts.join("")}</td></tr>`,
    `<tr><td style="padding:0 24px 24px;font-size:12px;color:#6b7280">${escapeHtml(c.footnote)}<br>${name}</td></tr>`,
    "</table></body></html>",
  ].join("\n");
}

/** The colour used in styles: the merchant's when it is a hex colour, else the default. */
export function safeColor(color: string | null | undefined): string {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : DEFAULT_PRIMARY_COLOR;
}

function safeUrl(url: string | null | undefined): string | undefined {
  return url && httpUrl.safeParse(url).success ? url : undefined;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").trim();
}

function minutes(n: number): string {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

function hours(n: number): string {
  return n === 1 ? "1 hour" : `${n} hours`;
}

function humanize(role: string): string {
  return role.replace(/_/g, " ");
}

function formatTime(d: TEmailTemplateData<"lockout_notice">): string {
  const time = new Intl.DateTimeFormat(d.locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: d.timeZone,
    timeZoneName: "short",
  }).format(d.lockedUntil);
  // "GMT+1" alone is ambiguous across DST; name the zone too.
  return d.timeZone === "UTC" ? time : `${time} (${d.timeZone})`;
}

function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

function formatDay(day: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone }).format(day);
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
