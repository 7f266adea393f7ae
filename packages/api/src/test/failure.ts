import { AppError } from "@portico/core";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { ZodError } from "zod";

/** `"<tRPC code> <reason>"` of a call that must fail; zod rejections read `INVALID_INPUT`. */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  const reason =
    cause instanceof AppError ? cause.reason : cause instanceof ZodError ? "INVALID_INPUT" : String(cause);
  return `${(error as TRPCError).code} ${reason}`;
}
