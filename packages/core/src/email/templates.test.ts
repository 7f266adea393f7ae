import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRIMARY_COLOR,
  type EmailBranding,
  EMAIL_TEMPLATE_NAMES,
  escapeHtml,
  renderEmailTemplate,
  type EmailTemplateName,
  type TEmailTemplateInput,
} from "./templates.js";

const branding: EmailBranding = {
  merchantName: "Acme Cloud",
  primaryColor: "#0a7cff",
  logoUrl: "https://acme.test/logo.svg",
};

const samples: { [T in EmailTemplateName]: TEmailTemplateInput<T> } = {
  login_code: { code: "482913" },
  password_reset: { resetUrl: "https://portal.acme.test/reset?token=abc" },
  invite: {
    surface: "console",
    inviteUrl: "https://console.acme.test/invite/xyz",
    inviterName: "Dana Owner",
    role: "billing_admin",
  },
  registration: { registerUrl: "https://portal.acme.test/portal/invite/xyz", accountName: "Globex" },
  lockout_notice: { lockedUntil: new Date("2026-03-01T14:15:00Z"), timeZone: "Europe/Paris" },
  statement_ready: {
    statementsUrl: "https://billing.acme.test/portal/statements",
    periodStart: new Date("2026-01-01T00:00:00+01:00"),
    periodEnd: new Date("2026-03-31T12:00:00+02:00"),
    format: "pdf",
    timeZone: "Europe/Paris",
  },
  payment_failed: {
    invoiceNumber: "ACME-0042",
    amountDue: 1999,
    currency: "EUR",
    payUrl: "https://billing.acme.test/portal/invoices",
    nextAttemptAt: new Date("2026-03-04T00:00:00Z"),
  },
  email_change_code: { code: "305118" },
};

function render<T extends EmailTemplateName>(template: T, b: EmailBranding = branding) {
  return renderEmailTemplate(template, b, samples[template]);
}

describe("email templates", () => {
  it.each(EMAIL_TEMPLATE_NAMES)(
    "%s renders text and HTML with the merchant's name, colour and logo",
    (template) => {
      const mail = render(template);
      expect(mail.subject).toContain("Acme Cloud");
      expect(mail.text).toContain("Acme Cloud");
      expect(mail.html).toContain("Acme Cloud");
      expect(mail.html).toContain("#0a7cff");
      expect(mail.html).toContain('<img src="https://acme.test/logo.svg"');
      expect(mail.html).not.toContain(DEFAULT_PRIMARY_COLOR);
    },
  );

  it("puts the code, the links and their lifetimes in both bodies but never in a subject", () => {
    const code = render("login_code");
    expect(code.text).toContain("482913");
    expect(code.html).toContain("482913");
    expect(code.text).toContain("10 minutes");
    expect(code.subject).not.toContain("482913");

    const reset = render("password_reset");
    expect(reset.text).toContain("https://portal.acme.test/reset?token=abc");
    expect(reset.html).toContain('href="https://portal.acme.test/reset?token=abc"');
    expect(reset.text).toContain("30 minutes");
    expect(reset.subject).not.toContain("token");

    const invite = render("invite");
    expect(invite.text).toContain(
      "Dana Owner invited you to the Acme Cloud billing console with the role billing admin",
    );
    expect(invite.html).toContain('href="https://console.acme.test/invite/xyz"');
    const portal = renderEmailTemplate("invite", branding, {
      ...samples.invite,
      surface: "portal",
      accountName: "Initech",
      role: "member",
    });
    expect(portal.text).toContain(
      "the Initech account on the Acme Cloud customer portal with the role member",
    );
  });

  it("shows the lockout end in the user's time zone, with the zone named", () => {
    const mail = render("lockout_notice");
    // 14:15 UTC is 15:15 in Paris in winter.
    expect(mail.text).toMatch(/Mar 1, 2026, 3:15\sPM GMT\+1 \(Europe\/Paris\)/);
    expect(mail.html).toMatch(/3:15\sPM GMT\+1/);
    const utc = renderEmailTemplate("lockout_notice", branding, { lockedUntil: "2026-03-01T14:15:00Z" });
    expect(utc.text).toMatch(/2:15\sPM UTC/);
  });

  it("escapes every interpolated value in HTML", () => {
    const hostile = { merchantName: `<script>alert("x")</script> & Co`, primaryColor: "#fff" };
    const mail = renderEmailTemplate("invite", hostile, {
      ...samples.invite,
      inviterName: "<img src=x onerror=alert(1)>",
      role: "<b>admin</b>",
    });
    expect(mail.html).not.toMatch(/<script|<img src=x|<b>/);
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.text).toContain(`<script>alert("x")</script> & Co`);
    expect(escapeHtml(`'"<>&`)).toBe("&#39;&quot;&lt;&gt;&amp;");
  });

  it("ignores a colour that is not hex and a logo that is not http(s)", () => {
    const mail = render("login_code", {
      merchantName: "Acme",
      primaryColor: "red;background:url(https://evil.test/x)",
      logoUrl: "javascript:alert(1)",
    });
    expect(mail.html).toContain(DEFAULT_PRIMARY_COLOR);
    expect(mail.html).not.toContain("evil.test");
    expect(mail.html).not.toContain("javascript:");
    expect(mail.html).not.toContain("<img");
  });

  it("keeps line breaks out of the subject", () => {
    const mail = render("password_reset", { merchantName: "Acme\r\nBcc: victim@example.com" });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses bad data", () => {
    expect(() => renderEmailTemplate("login_code", branding, { code: "12345" })).toThrow();
    expect(() =>
      renderEmailTemplate("password_reset", branding, { resetUrl: "javascript:alert(1)" }),
    ).toThrow();
    expect(() =>
      renderEmailTemplate("lockout_notice", branding, { lockedUntil: new Date(), timeZone: "Mars/Olympus" }),
    ).toThrow();
    expect(() => renderEmailTemplate("lockout_notice", branding, { lockedUntil: "not a date" })).toThrow();
  });
});
