import { describe, expect, it } from "vitest";
import { escapeHtml, renderLandingPage } from "./landing-page.js";

describe("landing page rendering", () => {
  it("escapes every value it prints", () => {
    const html = renderLandingPage({
      version: "1.0.0",
      demo: {
        created: false,
        merchant: { name: `<script>alert("x")</script>`, slug: "acme" },
        logins: [{ surface: "portal", email: "a&b@x.test", password: `p"w'<`, description: "<b>x</b>" }],
        apiKey: { value: null, prefix: "sk_" },
      },
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect(html).toContain("a&#38;b@x.test");
    expect(html).toContain("p&#34;w&#39;&#60;");
  });

  it("escapeHtml leaves ordinary text alone", () => {
    expect(escapeHtml("Acme Cloud — owner@acme.test")).toBe("Acme Cloud — owner@acme.test");
  });
});
