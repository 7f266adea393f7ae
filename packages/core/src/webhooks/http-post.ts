import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { publicAddressLookup, webhookTargetProblem, type WebhookTargetPolicy } from "./target-policy.js";

/** What a delivery keeps of the receiver's answer. */
export const MAX_RESPONSE_BODY_BYTES = 4096;

export interface WebhookPostOptions extends WebhookTargetPolicy {
  /** For the whole exchange: connection, request and answer. */
  timeoutMs: number;
}

export interface WebhookPostResult {
  /** A 2xx answer arrived in time. */
  ok: boolean;
  /** HTTP status; null when no answer came (refused, unreachable, timed out). */
  status: number | null;
  /** The first 4 KB of the answer (UTF-8, NUL characters dropped: PostgreSQL text refuses them). */
  body: string | null;
  durationMs: number;
  /** Why it failed; null on success. */
  error: string | null;
}

/**
 * POSTs `body` once. Redirects are not followed (a 3xx is a failure: the merchant should
 * register the final URL), and the target policy is applied to the URL and to the address
 * the connection uses. Never throws: every failure is a result.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: WebhookPostOptions,
): Promise<WebhookPostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, status: null, body: null, durationMs: 0, error: "Invalid URL" });
  }
  const problem = webhookTargetProblem(target, options);
  if (problem) {
    return Promise.resolve({
      ok: false,
      status: null,
      body: null,
      durationMs: 0,
      error: `Refused: ${problem}`,
    });
  }

  return new Promise((resolve) => {
    let settled = false;
    let answer: IncomingMessage | null = null;
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const status = answer?.statusCode ?? null;
      const ok = error === null && status !== null && status >= 200 && status < 300;
      resolve({
        ok,
        status,
        body: answer
          ? Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BODY_BYTES).toString("utf8").replace(/\0/g, "")
          : null,
        durationMs: elapsed(),
        error: ok ? null : (error ?? describeStatus(answer)),
      });
      req.destroy();
    };

    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    const req = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        // One connection per delivery: no socket is shared between endpoints or reused after a DNS change.
        agent: false,
        // A literal IP skips DNS; webhookTargetProblem has checked it already.
        ...(options.allowInsecure || isIP(host) !== 0 ? {} : { lookup: publicAddressLookup }),
      },
      (res) => {
        answer = res;
        res.on("data", (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BODY_BYTES) finish(null);
        });
        res.on("end", () => finish(null));
        // The status decides; a body cut short still counts as answered.
        res.on("error", () => finish(null));
      },
    );
    // After the status line, a timeout keeps the answer read so far.
    const timer = setTimeout(
      () => finish(answer ? null : `Timed out after ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answer) return finish(null);
      finish(
        error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message,
      );
    });
    req.end(body);
  });
}

function describeStatus(answer: IncomingMessage | null): string {
  const status = answer?.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    const location = answer?.headers.location;
    return `Redirect (HTTP ${status}${location ? ` to ${location.slice(0, 200)}` : ""}) not followed`;
  }
  return `Answered HTTP ${status}`;
}
