export { portalCustomer, type PortalActor, type PortalScope } from "./scope.js";
export * from "./payment-methods.js";
export * from "./billing-summary.js";
