import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { env, inheritedEnv } from "./env.js";

const SERVER_DIR = resolve(import.meta.dirname, "../../../apps/server");
const READY_TIMEOUT_MS = 120_000;
const LOG_TAIL_LINES = 200;

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
}

function captureOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - LOG_TAIL_LINES));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.join("\n");
}

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    const status = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status,
      () => 0, // not listening yet
    );
    if (status === 200) return;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`server did not answer GET /readyz with 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export interface ServerOptions {
  /** SMTP_URL of the server: where it sends its e-mail (the harness's mailbox). */
  smtpUrl: string;
  /** PORTICO_DEMO_API_KEY: the seeded sandbox key, known to tests (`sk_test_…`). */
  demoApiKey: string;
}

/**
 * Starts the real server (apps/server/src/main.ts through tsx) on a free port with the demo
 * seed, on a fresh embedded database unless DATABASE_URL points at PostgreSQL. PUBLIC_URL is
 * its own address, so the links in its e-mails open in the test browser.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = env.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), "portico-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: {
      ...inheritedEnv(),
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      SMTP_URL: options.smtpUrl,
      PORTICO_DEMO_API_KEY: options.demoApiKey,
      PORTICO_SEED: "on",
      // Every test signs in from 127.0.0.1, often as the same demo users, within minutes.
      THROTTLE_SCALE: "100",
      ...(dataDir && { PORTICO_DATA_DIR: dataDir }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logTail = captureOutput(child);

  let stopping = false;
  const stop = async () => {
    stopping = true;
    child.kill("SIGTERM");
    if (!(await exited(child, 10_000))) {
      child.kill("SIGKILL");
      await exited(child, 5_000);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${logTail()}`, { cause: error });
  }
  child.once("exit", (code, signal) => {
    if (!stopping)
      console.error(`[e2e] server exited during the run (code ${code}, signal ${signal})\n${logTail()}`);
  });
  return { baseUrl, stop };
}
