import { Route, Switch } from "wouter";
import { Home } from "./pages/Home.js";
import { NotFound } from "./pages/NotFound.js";
import { Shell } from "./Shell.js";

export function App() {
  return (
    <Shell>
      <Switch>
        <Route path="/" component={Home} />
        <Route component={NotFound} />
      </Switch>
    </Shell>
  );
}
