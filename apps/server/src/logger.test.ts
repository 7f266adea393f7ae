import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./logger.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("redacts credentials and secrets wherever they are logged", () => {
    const { lines, destination } = capture();
    const logger = createLogger(
      { LOG_LEVEL: "info", NODE_ENV: "production" },
      { pretty: false, destination },
    );
    logger.info({
      req: {
        method: "GET",
        url: "/portal/s/linksecret?flow=x",
        headers: { authorization: "Bearer sk_live_x", cookie: "portico_session=abc", accept: "*/*" },
      },
      upstream: {
        headers: { authorization: "Bearer sk_live_y", cookie: "portico_session=def", accept: "*/*" },
      },
      input: { email: "a@b.test", password: "hunter2", newPassword: "hunter3" },
      webhook: { secret: "whsec_1" },
      token: "cst_2",
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of [
      "sk_live_x",
      "sk_live_y",
      "portico_session=abc",
      "portico_session=def",
      "linksecret",
      "hunter2",
      "hunter3",
      "whsec_1",
      "cst_2",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      // The request serializer keeps no headers at all.
      req: { method: "GET", url: "/portal/s/[redacted]?flow=[redacted]" },
      upstream: { headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" } },
      input: { email: "a@b.test", password: "[redacted]", newPassword: "[redacted]" },
    });
    expect(lines[0]!.req).not.toHaveProperty("headers");
  });

  it("masks portal-link secrets in paths and query values in URLs", () => {
    expect(redactUrl("/portal/s/abcdef")).toBe("/portal/s/[redacted]");
    expect(redactUrl("/portal/s/abcdef/")).toBe("/portal/s/[redacted]/");
    expect(redactUrl("/portal/reset?token=abc&x")).toBe("/portal/reset?token=[redacted]&x=[redacted]");
    expect(redactUrl("/trpc/auth.portal.session,auth.console.session?batch=1&input=%7B%7D")).toBe(
      "/trpc/auth.portal.session,auth.console.session?batch=1&input=[redacted]",
    );
    expect(redactUrl("/portal/invoices")).toBe("/portal/invoices");
    expect(redactUrl("/console/s/abc")).toBe("/console/s/abc");
  });

  it("follows LOG_LEVEL", () => {
    const { lines, destination } = capture();
    const logger = createLogger(
      { LOG_LEVEL: "warn", NODE_ENV: "production" },
      { pretty: false, destination },
    );
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((line) => line.msg)).toEqual(["shown"]);
  });
});
