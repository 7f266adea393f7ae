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

const ProtectedDashboard = protect(Dashboard);
const ProtectedAccount = protect(Account);
const ProtectedMembers = protect(Members);
const ProtectedSessions = protect(Sessions);

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
          <Route path="/" component={ProtectedDashboard} />
          <Route path="/account" component={ProtectedAccount} />
          <Route path="/members" component={ProtectedMembers} />
          <Route path="/sessions" component={ProtectedSessions} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
