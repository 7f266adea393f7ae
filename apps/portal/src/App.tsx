import { PageLoading, lazyPage } from "@portico/ui/spa";
import { type ComponentType, Suspense } from "react";
import { Route, Switch } from "wouter";
import { RequireSession } from "./session.js";
import { Shell } from "./Shell.js";

// One chunk per route: the first visit downloads only the page it opens.
const Login = lazyPage(() => import("./pages/Login.js"), "Login");
const CodeSignIn = lazyPage(() => import("./pages/CodeSignIn.js"), "CodeSignIn");
const MfaChallenge = lazyPage(() => import("./pages/MfaChallenge.js"), "MfaChallenge");
const ForgotPassword = lazyPage(() => import("./pages/ForgotPassword.js"), "ForgotPassword");
const ResetPassword = lazyPage(() => import("./pages/ResetPassword.js"), "ResetPassword");
const Register = lazyPage(() => import("./pages/Register.js"), "Register");
const Invitation = lazyPage(() => import("./pages/Invitation.js"), "Invitation");
const LinkLanding = lazyPage(() => import("./pages/LinkLanding.js"), "LinkLanding");
const Dashboard = lazyPage(() => import("./pages/Dashboard.js"), "Dashboard");
const Invoices = lazyPage(() => import("./pages/Invoices.js"), "Invoices");
const InvoiceDetail = lazyPage(() => import("./pages/InvoiceDetail.js"), "InvoiceDetail");
const PayInvoice = lazyPage(() => import("./pages/PayInvoice.js"), "PayInvoice");
const Payments = lazyPage(() => import("./pages/Payments.js"), "Payments");
const PaymentMethods = lazyPage(() => import("./pages/PaymentMethods.js"), "PaymentMethods");
const Statements = lazyPage(() => import("./pages/Statements.js"), "Statements");
const Documents = lazyPage(() => import("./pages/Documents.js"), "Documents");
const BillingDetails = lazyPage(() => import("./pages/BillingDetails.js"), "BillingDetails");
const Notifications = lazyPage(() => import("./pages/Notifications.js"), "Notifications");
const Account = lazyPage(() => import("./pages/Account.js"), "Account");
const Members = lazyPage(() => import("./pages/Members.js"), "Members");
const Sessions = lazyPage(() => import("./pages/Sessions.js"), "Sessions");
const NotFound = lazyPage(() => import("./pages/NotFound.js"), "NotFound");

function protect(Page: ComponentType) {
  return function Protected() {
    return (
      <RequireSession>
        <Page />
      </RequireSession>
    );
  };
}

// Built once, so a route change never remounts a page that stays.
const protectedPages = {
  Dashboard: protect(Dashboard),
  Invoices: protect(Invoices),
  InvoiceDetail: protect(InvoiceDetail),
  PayInvoice: protect(PayInvoice),
  Payments: protect(Payments),
  PaymentMethods: protect(PaymentMethods),
  Statements: protect(Statements),
  Documents: protect(Documents),
  BillingDetails: protect(BillingDetails),
  Notifications: protect(Notifications),
  Account: protect(Account),
  Members: protect(Members),
  Sessions: protect(Sessions),
};

export function App() {
  return (
    <Shell>
      <Suspense fallback={<PageLoading />}>
        <Switch>
          <Route path="/login" component={Login} />
          <Route path="/login/code" component={CodeSignIn} />
          <Route path="/mfa" component={MfaChallenge} />
          <Route path="/forgot" component={ForgotPassword} />
          <Route path="/reset" component={ResetPassword} />
          <Route path="/register" component={Register} />
          <Route path="/invite/:secret" component={Invitation} />
          <Route path="/s/:secret" component={LinkLanding} />
          <Route path="/" component={protectedPages.Dashboard} />
          <Route path="/invoices" component={protectedPages.Invoices} />
          <Route path="/invoices/:id" component={protectedPages.InvoiceDetail} />
          <Route path="/invoices/:id/pay" component={protectedPages.PayInvoice} />
          <Route path="/payments" component={protectedPages.Payments} />
          <Route path="/payment-methods" component={protectedPages.PaymentMethods} />
          <Route path="/statements" component={protectedPages.Statements} />
          <Route path="/documents" component={protectedPages.Documents} />
          <Route path="/billing-details" component={protectedPages.BillingDetails} />
          <Route path="/notifications" component={protectedPages.Notifications} />
          <Route path="/account" component={protectedPages.Account} />
          <Route path="/members" component={protectedPages.Members} />
          <Route path="/sessions" component={protectedPages.Sessions} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
