import { readFileSync } from "node:fs";
import { STRIPE_API_VERSION } from "../stripe-gateway.js";

/**
 * Recorded Stripe API responses (this folder's JSON files, shaped as the API version the
 * stripe package pins) and a `fetch` that replays them in order. Each request is checked
 * against what the test expects — method, path and query, every form field, the
 * Idempotency-Key and API key headers — so a test proves what Portico sends; anything else
 * (another host, a request too many) is a recorded problem, and no request reaches the network.
 */

/** A recorded response body, parsed fresh each call so tests may change their copy. */
export function stripeFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as T;
}

export interface RecordedExchange {
  method: "GET" | "POST" | "DELETE";
  /** Path and query as decoded text: `/v1/setup_intents/seti_1?expand[0]=payment_method`. */
  path: string;
  /** Exactly the form fields the request must carry (decoded), for POSTs; a RegExp matches ids made at run time. */
  form?: Record<string, string | RegExp>;
  /** The Idempotency-Key header the request must carry; unchecked when omitted. */
  idempotencyKey?: string;
  /** HTTP status of the recorded response; 200 by default. */
  status?: number;
  /** The recorded body: a fixture's name in this folder, or the body itself. */
  response: string | Record<string, unknown>;
}

/** A request as the replay received it. */
export interface ReplayedRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | null;
}

export interface StripeReplay {
  fetch: typeof fetch;
  /** Every request received, in order. */
  requests: ReplayedRequest[];
  /** Mismatches seen so far, in words. */
  problems: string[];
  /** Exchanges not requested yet. */
  pending(): RecordedExchange[];
  /** Throws unless every exchange was requested as recorded, and nothing else was. */
  assertDone(): void;
}

const sorted = (record: Record<string, string | RegExp>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(record)
        .map(([name, value]) => [name, String(value)])
        .sort(([a], [b]) => a!.localeCompare(b!)),
    ),
  );

/** Same field names, and each value equal to (or matched by) the expected one. */
function formMatches(form: Record<string, string>, expected: Record<string, string | RegExp>): boolean {
  const names = Object.keys(form);
  if (names.length !== Object.keys(expected).length) return false;
  return names.every((name) => {
    const want = expected[name];
    return want instanceof RegExp ? want.test(form[name]!) : want === form[name];
  });
}

function bodyText(body: unknown): string {
  if (body == null) return "";
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error("replay: unexpected request body type");
}

export function replayStripe(
  exchanges: RecordedExchange[],
  options: { secretKey?: string } = {},
): StripeReplay {
  const queue = [...exchanges];
  const problems: string[] = [];
  const requests: ReplayedRequest[] = [];

  const replayFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const method = (init.method ?? "GET").toUpperCase();
    const path = decodeURIComponent(url.pathname + url.search);
    const headers = new Headers(init.headers);
    const form = Object.fromEntries(new URLSearchParams(bodyText(init.body)));
    requests.push({ method, path, form, idempotencyKey: headers.get("idempotency-key") });
    const expected = queue.shift();
    const seen = `${method} ${url.origin}${path}`;
    const mismatch: string[] = [];
    if (!expected) mismatch.push(`unexpected request ${seen}`);
    else {
      if (url.origin !== "https://api.stripe.com") mismatch.push(`${seen}: not Stripe's API host`);
      if (method !== expected.method || path !== expected.path) {
        mismatch.push(`${seen}: expected ${expected.method} ${expected.path}`);
      }
      if (!formMatches(form, expected.form ?? {})) {
        mismatch.push(`${seen}: form ${sorted(form)}, expected ${sorted(expected.form ?? {})}`);
      }
      const key = headers.get("idempotency-key");
      if (expected.idempotencyKey !== undefined && key !== expected.idempotencyKey) {
        mismatch.push(`${seen}: Idempotency-Key ${key}, expected ${expected.idempotencyKey}`);
      }
      if (options.secretKey && headers.get("authorization") !== `Bearer ${options.secretKey}`) {
        mismatch.push(`${seen}: not authorized with the merchant's key`);
      }
      if (headers.get("stripe-version") !== STRIPE_API_VERSION) {
        mismatch.push(`${seen}: Stripe-Version ${headers.get("stripe-version")}`);
      }
    }
    if (mismatch.length > 0 || !expected) {
      problems.push(...mismatch);
      return Response.json(
        { error: { type: "api_error", message: `replay: ${mismatch.join("; ")}` } },
        { status: 500 },
      );
    }
    const body = typeof expected.response === "string" ? stripeFixture(expected.response) : expected.response;
    return Response.json(body, {
      status: expected.status ?? 200,
      headers: { "request-id": `req_replay${exchanges.length - queue.length}` },
    });
  };

  return {
    fetch: replayFetch as typeof fetch,
    requests,
    problems,
    pending: () => [...queue],
    assertDone() {
      const left = queue.map((e) => `${e.method} ${e.path}`);
      if (problems.length > 0 || left.length > 0) {
        throw new Error(
          `Stripe replay: ${[...problems, ...left.map((l) => `not requested: ${l}`)].join("\n")}`,
        );
      }
    },
  };
}
