import {
  advanceTestClock,
  createTestClock,
  deleteTestClock,
  getTestClock,
  listTestClocks,
  mapPage,
  toTestClockDto,
} from "@portico/core";
import {
  ZAdvanceTestClockInput,
  ZCreateTestClockInput,
  ZListTestClocksInput,
  ZTestClockIdInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/**
 * Sandbox test clocks of the API key's merchant. `advance` answers at once with the clock
 * `advancing`; the server's job worker runs what falls due and sets it `ready` (poll `get`).
 */
export const testClocksRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateTestClockInput)
    .mutation(async ({ ctx, input }) =>
      toTestClockDto(await createTestClock(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  get: integrationProcedure
    .input(ZTestClockIdInput)
    .query(async ({ ctx, input }) =>
      toTestClockDto(await getTestClock(ctx.em, ctx.integration.merchantId, input.id)),
    ),

  list: integrationProcedure
    .input(ZListTestClocksInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listTestClocks(ctx.em, ctx.integration.merchantId, input), toTestClockDto),
    ),

  advance: integrationProcedure
    .input(ZAdvanceTestClockInput)
    .mutation(async ({ ctx, input }) =>
      toTestClockDto(await advanceTestClock(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  delete: integrationProcedure.input(ZTestClockIdInput).mutation(async ({ ctx, input }) => {
    const deleted = await deleteTestClock(ctx.em, ctx.clock, integrationActor(ctx), input.id);
    return { id: deleted.publicId, deleted: true as const };
  }),
});
