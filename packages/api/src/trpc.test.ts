import { AppError, type AppErrorCode } from "@portico/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createTRPCRouter, publicProcedure, type Context } from "./trpc.js";

// A throwaway router: the mapping is what is under test, not any real procedure.
const router = createTRPCRouter({
  fail: publicProcedure.input(z.object({ code: z.string() })).query(({ input }) => {
    throw new AppError(input.code as AppErrorCode, "TEST_REASON", "it failed", { details: { n: 1 } });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("relation secret_table does not exist");
  }),
  echo: publicProcedure.input(z.object({ n: z.number().int() })).query(({ input }) => input.n),
});

async function call(path: string, input: unknown) {
  const url = `http://portico.test/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req: new Request(url),
    router,
    // These procedures never touch the context.
    createContext: () => ({}) as Context,
  });
  const body = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
  return { status: response.status, error: body.error };
}

describe("AppError → tRPC error mapping", () => {
  it.each([
    ["BAD_REQUEST", 400],
    ["UNAUTHORIZED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["CONFLICT", 409],
    ["PRECONDITION_FAILED", 412],
    ["TOO_MANY_REQUESTS", 429],
  ])("%s answers HTTP %i with the reason and details", async (code, status) => {
    const result = await call("fail", { code });
    expect(result.status).toBe(status);
    expect(result.error.message).toBe("it failed");
    expect(result.error.data).toMatchObject({
      code,
      httpStatus: status,
      reason: "TEST_REASON",
      details: { n: 1 },
    });
  });

  it("reports invalid input as BAD_REQUEST with reason INVALID_INPUT and the failing fields", async () => {
    const result = await call("echo", { n: "x" });
    expect(result.status).toBe(400);
    expect(result.error.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "INVALID_INPUT",
      details: { issues: [{ path: "n", message: expect.any(String) }] },
    });
  });

  it("hides the message of an unexpected error", async () => {
    const result = await call("crash", {});
    expect(result.status).toBe(500);
    expect(result.error.message).toBe("Internal server error");
    expect(result.error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", reason: null, details: null });
    expect(result.error.data).not.toHaveProperty("stack");
  });
});
