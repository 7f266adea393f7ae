import {
  acceptConsoleInvitation,
  acceptPortalInvitation,
  describeConsoleInvitation,
  describePortalInvitation,
  requestRegistration,
  toConsoleLoginDto,
  toPortalLoginDto,
} from "@portico/auth";
import { ZAcceptInvitationInput, ZInvitationSecretInput, ZRegisterInput } from "@portico/validators";
import { publicUrl } from "../procedures/integration.js";
import { setSessionCookie } from "../session-cookies.js";
import { throttle } from "../throttle.js";
import { publicProcedure } from "../trpc.js";

/**
 * The landings of e-mailed invitation links (`/console/invite/<secret>`,
 * `/portal/invite/<secret>`) and portal self-registration: spread into the console and
 * portal routers of `auth` (routers/auth.ts). Accepting signs the invitee in, as a login.
 */

export const consoleInvitationProcedures = {
  invitation: publicProcedure
    .input(ZInvitationSecretInput)
    .query(({ ctx, input }) => describeConsoleInvitation(ctx.em, ctx.clock, input.secret)),
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const result = await acceptConsoleInvitation(ctx.em, ctx.clock, {
      ...input,
      ...ctx.req,
      settings: ctx.auth,
    });
    setSessionCookie(ctx, "console", result.token, result.session);
    return toConsoleLoginDto(result);
  }),
};

export const portalInvitationProcedures = {
  invitation: publicProcedure
    .input(ZInvitationSecretInput)
    .query(({ ctx, input }) => describePortalInvitation(ctx.em, ctx.clock, input.secret)),
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const result = await acceptPortalInvitation(ctx.em, ctx.clock, {
      ...input,
      ...ctx.req,
      settings: ctx.auth,
    });
    setSessionCookie(ctx, "portal", result.token, result.session);
    return toPortalLoginDto(result);
  }),
  /** Always `{ ok: true }` when registration is enabled, whether the e-mail matched or not. */
  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "registrationRequest", input.email);
    return requestRegistration(ctx.em, ctx.clock, {
      merchantSlug: input.merchant,
      email: input.email,
      publicUrl: publicUrl(),
      mailer: ctx.mailer,
      ...ctx.req,
    });
  }),
};
