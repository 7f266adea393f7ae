import type { EntityManager } from "@portico/db";
import type { z } from "zod";
import type { Clock } from "../clock.js";

/** What the queue logs through (pino fits); it logs job ids and names, never payloads. */
export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentJobLog: JobLog = { info() {}, warn() {}, error() {} };

/** The claimed row, as a handler sees it. */
export interface RunningJob {
  id: number;
  publicId: string;
  name: string;
  /** This run included (1 on the first run). */
  attempts: number;
  maxAttempts: number;
  merchantId: number | null;
}

export interface JobContext {
  /** A fork of its own; inside the job's transaction unless the handler opted out. */
  em: EntityManager;
  /** The worker's clock (a test clock's time for its jobs). */
  clock: Clock;
  log: JobLog;
  job: RunningJob;
  /** No retry follows if this run fails. */
  finalAttempt: boolean;
}

export interface JobHandler<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Checked before every run: a payload that does not parse fails the job at once. */
  schema: S;
  run(ctx: JobContext, payload: z.output<S>): Promise<void>;
  /**
   * true (the default): the handler's writes and the job's completion commit together; it
   * must only talk to the database meanwhile (on PGlite an open transaction holds up every
   * other connection, requests included).
   * false: for handlers that wait on the network (SMTP, webhooks), so no transaction stays
   * open meanwhile; they must be safe to run again after a crash (at-least-once).
   */
  transactional: boolean;
}

/** A handler for jobs named `name` whose payload `schema` parses. */
export function defineJobHandler<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (ctx: JobContext, payload: z.output<S>) => Promise<void>,
  options: { transactional?: boolean } = {},
): JobHandler<S> {
  return { name, schema, run, transactional: options.transactional ?? true };
}

/** The handlers a worker runs, by job name. */
export type JobHandlers = ReadonlyMap<string, JobHandler>;

export function jobHandlers(...handlers: JobHandler[]): JobHandlers {
  const map = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (map.has(handler.name)) throw new Error(`Two job handlers are named ${handler.name}`);
    map.set(handler.name, handler);
  }
  return map;
}
