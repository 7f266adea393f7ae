import { useTranslation } from "@portico/i18n";
import { PageSkeleton } from "@portico/ui";
import { Suspense, lazy } from "react";
import { Route, Switch } from "wouter";
import { RequireSession } from "./session.js";
import { Shell } from "./Shell.js";

// One chunk per route: the first visit downloads only the page it opens.
const Login = lazy(() => import("./pages/Login.js").then((m) => ({ default: m.Login })));
const Dashboard = lazy(() => import("./pages/Dashboard.js").then((m) => ({ default: m.Dashboard })));
const MfaPending = lazy(() => import("./pages/MfaPending.js").then((m) => ({ default: m.MfaPending })));
const NotFound = lazy(() => import("./pages/NotFound.js").then((m) => ({ default: m.NotFound })));

export function App() {
  const { t } = useTranslation();
  return (
    <Shell>
      <Suspense fallback={<PageSkeleton label={t("common.loading")} />}>
        <Switch>
          <Route path="/login" component={Login} />
          <Route path="/mfa">
            <RequireSession allowPendingMfa>
              {(identity) => <MfaPending identity={identity} />}
            </RequireSession>
          </Route>
          <Route path="/">
            <RequireSession>{(identity) => <Dashboard identity={identity} />}</RequireSession>
          </Route>
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
