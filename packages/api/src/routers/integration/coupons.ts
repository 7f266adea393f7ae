import { archiveCoupon, createCoupon, getCoupon, listCoupons, mapPage, toCouponDto } from "@portico/core";
import { ZCouponIdInput, ZCouponRefInput, ZCreateCouponInput, ZListCouponsInput } from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Coupons of the API key's merchant. */
export const couponsRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateCouponInput)
    .mutation(async ({ ctx, input }) =>
      toCouponDto(await createCoupon(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  /** By id (`{ id: "coupon_…" }`) or code (`{ code: "WELCOME20" }`, any case). */
  get: integrationProcedure
    .input(ZCouponRefInput)
    .query(async ({ ctx, input }) => toCouponDto(await getCoupon(ctx.em, ctx.integration.merchantId, input))),

  list: integrationProcedure
    .input(ZListCouponsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listCoupons(ctx.em, ctx.integration.merchantId, input), toCouponDto),
    ),

  archive: integrationProcedure
    .input(ZCouponIdInput)
    .mutation(async ({ ctx, input }) =>
      toCouponDto(await archiveCoupon(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),
});
