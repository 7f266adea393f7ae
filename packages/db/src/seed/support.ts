import { SupportMessage, SupportTicket, type IMerchantUser } from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";
import type { DemoCustomer } from "./customers.js";

/** One open support conversation: Globex asking about its declined card. */
export function createSupportTicket(ctx: SeedContext, customer: DemoCustomer, agent: IMerchantUser): void {
  const opened = ctx.day(-3, 14, 12);
  const answered = ctx.day(-3, 15, 40);
  const followUp = ctx.day(-2, 9, 5);
  const ticket = ctx.em.create(SupportTicket, {
    merchant: ctx.merchant,
    customer: customer.entity,
    openedBy: customer.admin,
    assignedTo: agent,
    subject: "Our renewal keeps failing but the bank says the card is fine",
    status: "pending",
    priority: "high",
    lastMessageAt: followUp,
    ...stamps(opened, followUp),
  });
  const message = (
    at: Date,
    authorType: "customer" | "merchant",
    body: string,
    options: { internal?: boolean } = {},
  ) =>
    ctx.em.create(SupportMessage, {
      merchant: ctx.merchant,
      ticket,
      authorType,
      customerUser: authorType === "customer" ? customer.admin : null,
      merchantUser: authorType === "merchant" ? agent : null,
      body,
      internal: options.internal ?? false,
      createdAt: at,
    });
  message(
    opened,
    "customer",
    "Hi, our Team renewal was declined twice this week. Our bank says there is no block on the card. Can you look into it?",
  );
  message(
    answered,
    "merchant",
    "Sorry about that! The charge was declined by the card issuer (generic decline). You can pay the open invoice now with your other saved card (Mastercard ending 4444) from the Invoices page, or add a new card.",
  );
  message(
    answered,
    "merchant",
    "Visa ending 0002 declines every charge: suggest switching the default card.",
    { internal: true },
  );
  message(followUp, "customer", "Thanks, we'll ask finance to update the default card today.");
}
