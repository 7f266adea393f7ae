import { useTranslation } from "@portico/i18n";
import { PageSkeleton } from "@portico/ui";
import { type ComponentType, Suspense, lazy } from "react";
import { Route, Switch } from "wouter";
import { RequireSession } from "./session.js";
import { Shell } from "./Shell.js";

// One chunk per route: the first visit downloads only the page it opens.
const Login = lazy(() => import("./pages/Login.js").then((m) => ({ default: m.Login })));
const LinkLanding = lazy(() => import("./pages/LinkLanding.js").then((m) => ({ default: m.LinkLanding })));
const Dashboard = lazy(() => import("./pages/Dashboard.js").then((m) => ({ default: m.Dashboard })));
const Sessions = lazy(() => import("./pages/Sessions.js").then((m) => ({ default: m.Sessions })));
const NotFound = lazy(() => import("./pages/NotFound.js").then((m) => ({ default: m.NotFound })));

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
const ProtectedSessions = protect(Sessions);

export function App() {
  const { t } = useTranslation();
  return (
    <Shell>
      <Suspense fallback={<PageSkeleton label={t("common.loading")} />}>
        <Switch>
          <Route path="/login" component={Login} />
          <Route path="/s/:secret" component={LinkLanding} />
          <Route path="/" component={ProtectedDashboard} />
          <Route path="/sessions" component={ProtectedSessions} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
