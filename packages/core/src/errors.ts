/**
 * Error codes core may raise. They are a subset of tRPC's codes on purpose, so the API
 * maps an AppError to a TRPCError (and its HTTP status) without a translation table.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "PAYMENT_REQUIRED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNPROCESSABLE_CONTENT"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE";

export type AppErrorDetails = Record<string, unknown>;

export interface AppErrorOptions {
  /** Extra machine-readable facts for the caller, e.g. `{ lockedUntil }`. Must be JSON-safe. */
  details?: AppErrorDetails;
  cause?: unknown;
}

/**
 * The one error type domain code throws. `reason` is a stable machine string
 * (`MERCHANT_NOT_FOUND`, `ACCOUNT_LOCKED`, …) the SPAs map to catalog copy; `message`
 * is for developers and logs.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;
  readonly reason: string;
  readonly details: AppErrorDetails | undefined;

  constructor(code: AppErrorCode, reason: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.reason = reason;
    this.details = options.details;
  }
}
