import { z } from "zod";
import { pageOf } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";

/** Inputs of `integration.testClocks` (sandbox merchants only). */
export const ZTestClockId = publicIdOf("clock");

/** ISO 8601 instant with an offset. */
const ZInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ZCreateTestClockInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** The clock's starting time. */
  frozenTime: ZInstant,
  /** `cus_…` or external id of the customer whose subscriptions run on the clock. */
  customer: ZCustomerRef.optional(),
});
export type TCreateTestClockInput = z.infer<typeof ZCreateTestClockInput>;

export const ZTestClockIdInput = z.strictObject({ id: ZTestClockId });
export type TTestClockIdInput = z.infer<typeof ZTestClockIdInput>;

export const ZListTestClocksInput = pageOf(ZTestClockId);
export type TListTestClocksInput = z.infer<typeof ZListTestClocksInput>;

/** Moves the clock forward to `to` (later than its time, by at most two years). */
export const ZAdvanceTestClockInput = z.strictObject({ id: ZTestClockId, to: ZInstant });
export type TAdvanceTestClockInput = z.infer<typeof ZAdvanceTestClockInput>;
