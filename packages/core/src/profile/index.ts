export type { PortalUserActor, PortalUserScope } from "./actor.js";
export { COUNTRY_CODES, isCountryCode } from "./countries.js";
export type { PendingEmailChangeDto, PortalProfileDto } from "./dto.js";
export type { PortalProfileChanges } from "./fields.js";
export { getPortalProfile, updatePortalProfile } from "./profile.js";
export {
  confirmEmailChange,
  EMAIL_CHANGE_CODE_MINUTES,
  EMAIL_CHANGE_MAX_ATTEMPTS,
  EMAIL_CHANGE_REQUESTS,
  requestEmailChange,
} from "./email-change.js";
