import { createTRPCRouter } from "../../trpc.js";
import { couponsRouter } from "./coupons.js";
import { creditsRouter } from "./credits.js";
import { customerTokensRouter } from "./customer-tokens.js";
import { customersRouter } from "./customers.js";
import { documentsRouter } from "./documents.js";
import { invoicesRouter } from "./invoices.js";
import { metersRouter } from "./meters.js";
import { paymentMethodsRouter } from "./payment-methods.js";
import { paymentsRouter } from "./payments.js";
import { portalSessionsRouter } from "./portal-sessions.js";
import { pricesRouter } from "./prices.js";
import { productsRouter } from "./products.js";
import { subscriptionsRouter } from "./subscriptions.js";
import { taxRatesRouter } from "./tax-rates.js";
import { testClocksRouter } from "./test-clocks.js";
import { usageRouter } from "./usage.js";
import { webhookEndpointsRouter } from "./webhook-endpoints.js";

/** What merchant backends call with an `sk_…` API key (@portico/client). */
export const integrationRouter = createTRPCRouter({
  portalSessions: portalSessionsRouter,
  customerTokens: customerTokensRouter,
  customers: customersRouter,
  products: productsRouter,
  prices: pricesRouter,
  coupons: couponsRouter,
  taxRates: taxRatesRouter,
  meters: metersRouter,
  usage: usageRouter,
  subscriptions: subscriptionsRouter,
  paymentMethods: paymentMethodsRouter,
  invoices: invoicesRouter,
  payments: paymentsRouter,
  credits: creditsRouter,
  documents: documentsRouter,
  webhookEndpoints: webhookEndpointsRouter,
  testClocks: testClocksRouter,
});
