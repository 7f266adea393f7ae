import { PageLoading, lazyPage } from "@portico/ui/spa";
import { type ComponentType, Suspense } from "react";
import { Route, Switch } from "wouter";
import { type ConsoleIdentity, RequireSession } from "./session.js";
import { Shell } from "./Shell.js";

// One chunk per route: the first visit downloads only the page it opens.
const Login = lazyPage(() => import("./pages/Login.js"), "Login");
const ForgotPassword = lazyPage(() => import("./pages/ForgotPassword.js"), "ForgotPassword");
const ResetPassword = lazyPage(() => import("./pages/ResetPassword.js"), "ResetPassword");
const AcceptInvitation = lazyPage(() => import("./pages/AcceptInvitation.js"), "AcceptInvitation");
const Mfa = lazyPage(() => import("./pages/Mfa.js"), "Mfa");
const Dashboard = lazyPage(() => import("./pages/Dashboard.js"), "Dashboard");
const Users = lazyPage(() => import("./pages/Users.js"), "Users");
const ApiKeys = lazyPage(() => import("./pages/ApiKeys.js"), "ApiKeys");
const Sessions = lazyPage(() => import("./pages/Sessions.js"), "Sessions");
const Account = lazyPage(() => import("./pages/Account.js"), "Account");
const NotFound = lazyPage(() => import("./pages/NotFound.js"), "NotFound");

/** A page for signed-in users who have passed MFA; it is handed who they are. */
function protect(Page: ComponentType<{ identity: ConsoleIdentity }>) {
  return function Protected() {
    return <RequireSession>{(identity) => <Page identity={identity} />}</RequireSession>;
  };
}

const ProtectedDashboard = protect(Dashboard);
const ProtectedUsers = protect(Users);
const ProtectedApiKeys = protect(ApiKeys);
const ProtectedSessions = protect(Sessions);
const ProtectedAccount = protect(Account);

export function App() {
  return (
    <Shell>
      <Suspense fallback={<PageLoading />}>
        <Switch>
          <Route path="/login" component={Login} />
          <Route path="/forgot" component={ForgotPassword} />
          {/* The reset e-mail links to /console/reset?token=… (packages/auth password-reset.ts). */}
          <Route path="/reset" component={ResetPassword} />
          <Route path="/invite/:secret" component={AcceptInvitation} />
          <Route path="/mfa" component={Mfa} />
          <Route path="/" component={ProtectedDashboard} />
          <Route path="/users" component={ProtectedUsers} />
          <Route path="/api-keys" component={ProtectedApiKeys} />
          <Route path="/sessions" component={ProtectedSessions} />
          <Route path="/account" component={ProtectedAccount} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
