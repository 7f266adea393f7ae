import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

/** What an incoming id may look like: a short token, safe in logs, headers and the audit table. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Fastify's `genReqId`: the caller's `x-request-id` (a load balancer's or a client's) when it
 * is a sane token of at most 64 characters, else a random UUID. The id tags the request's
 * log lines (`reqId`), its audit events and the `x-request-id` response header.
 */
export function requestIdOf(req: Pick<IncomingMessage, "headers">): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
