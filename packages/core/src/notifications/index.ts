export {
  getNotificationPreferences,
  PORTAL_NOTIFICATION_CATEGORIES,
  updateNotificationPreferences,
  type NotificationPreferencesDto,
  type PortalNotificationCategory,
} from "./preferences.js";
export { wantsNotification, type NotificationRecipient } from "./wants.js";
