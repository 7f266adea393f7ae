import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

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
      req: { headers: { authorization: "Bearer sk_live_x", cookie: "portico_session=abc", accept: "*/*" } },
      input: { email: "a@b.test", password: "hunter2" },
      webhook: { secret: "whsec_1" },
      token: "cst_2",
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ["sk_live_x", "portico_session=abc", "hunter2", "whsec_1", "cst_2"]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" } },
      input: { email: "a@b.test", password: "[redacted]" },
    });
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
