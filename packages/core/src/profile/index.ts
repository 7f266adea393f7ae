export type { PortalUserActor, PortalUserScope } from "./actor.js";
export { COUNTRY_CODES, isCountryCode } from "./countries.js";
export type { PendingEmailChangeDto, PortalProfileDto } from "./dto.js";
export type { PortalProfileChanges } from "./fields.js";
export { getPortalProfile, updatePortalProfile } from "./profile.js";
// What auth's e-mail change (packages/auth/src/email-change.ts) builds on.
export { portalAuditActor } from "./actor.js";
export { toPortalProfileDto } from "./dto.js";
export { assertEditable } from "./fields.js";
export { normalizeEmail as normalizeBillingEmail } from "../customers/fields.js";
