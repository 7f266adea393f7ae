import {
  CustomerUser,
  NotificationPreference,
  type EntityManager,
  type NotificationCategory,
} from "@portico/db";

export interface NotificationRecipient {
  /** Internal id of the customer the message is about. */
  customerId: number;
  /** Where it goes: the billing e-mail, or one of the customer's users. */
  email: string;
  category: NotificationCategory;
}

/**
 * Whether a message of `category` may go to `email`: no when the account turned the category
 * off (the account-level row governs the billing e-mail) or when a login user of the customer
 * with that address turned it off for themself. No row means yes. Call it where a message of
 * one of these categories is about to be queued, with the transaction's `em`.
 */
export async function wantsNotification(
  em: EntityManager,
  recipient: NotificationRecipient,
): Promise<boolean> {
  const users = await em.find(
    CustomerUser,
    { customer: recipient.customerId, email: recipient.email.toLowerCase(), disabledAt: null },
    { fields: ["id"] },
  );
  const off = await em.count(NotificationPreference, {
    customer: recipient.customerId,
    category: recipient.category,
    channel: "email",
    enabled: false,
    $or: [{ customerUser: null }, { customerUser: { $in: users.map((user) => user.id) } }],
  });
  return off === 0;
}
