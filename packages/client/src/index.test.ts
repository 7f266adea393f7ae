import { describe, expect, it } from "vitest";
import { createPorticoClient } from "./index.js";

function recordingFetch() {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return Response.json([{ result: { data: { ok: true, version: "0.0.0" } } }]);
  };
  return { calls, fetch };
}

describe("createPorticoClient", () => {
  it("calls <baseUrl>/trpc and sends the API key as a bearer token", async () => {
    const { calls, fetch } = recordingFetch();
    const client = createPorticoClient({
      baseUrl: "https://billing.example.com/",
      apiKey: "sk_test_1",
      fetch,
    });
    expect(await client.system.health.query()).toEqual({ ok: true, version: "0.0.0" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toMatch(/^https:\/\/billing\.example\.com\/trpc\/system\.health\?batch=1/);
    expect(calls[0]!.headers.get("authorization")).toBe("Bearer sk_test_1");
  });

  it("sends no Authorization header without an API key", async () => {
    const { calls, fetch } = recordingFetch();
    await createPorticoClient({ baseUrl: "https://billing.example.com", fetch }).system.health.query();
    expect(calls[0]!.headers.has("authorization")).toBe(false);
  });
});
