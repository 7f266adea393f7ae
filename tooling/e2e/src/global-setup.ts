import type { TestProject } from "vitest/node";
import { startServer } from "./server.js";

/** One real server for the whole browser run; its URL reaches tests through `baseUrl()`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  project.provide("baseUrl", server.baseUrl);
  return async () => {
    await server.stop();
  };
}
