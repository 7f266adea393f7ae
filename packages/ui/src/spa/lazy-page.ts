import { type ComponentType, type LazyExoticComponent, lazy } from "react";

/**
 * A route's page in a chunk of its own, fetched the first time the route renders:
 * `const Login = lazyPage(() => import("./pages/Login.js"), "Login")`.
 */
export function lazyPage<K extends string, P extends object>(
  load: () => Promise<{ [key in K]: ComponentType<P> }>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
