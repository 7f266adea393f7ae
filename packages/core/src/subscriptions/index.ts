export { createSubscription, type CreateSubscriptionInput } from "./create.js";
export { planChange, type ChangeEffective, type ChangeSubscriptionInput } from "./change-plan.js";
export { applyChange, clearScheduledChange, previewChange } from "./change.js";
export { cancelSubscription, undoCancel, type CancelSubscriptionInput } from "./cancel.js";
export {
  pauseSubscription,
  resumeSubscription,
  MAX_PAUSE_DAYS,
  type PauseSubscriptionInput,
} from "./pause.js";
export * from "./renew.js";
export * from "./renew-job.js";
export * from "./payment-outcome.js";
export * from "./dto.js";
export {
  getSubscription,
  listSubscriptions,
  SUBSCRIPTION_POPULATE,
  type ListSubscriptionsInput,
  type SubscriptionActor,
  type SubscriptionScope,
} from "./load.js";
export { MAX_QUANTITY, MAX_SUBSCRIPTION_ITEMS, type ItemInput } from "./items.js";
