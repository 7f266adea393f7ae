import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves this build under /console/ (with SPA fallback) and tRPC under /trpc.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  server: { proxy: { "/trpc": "http://localhost:3000" } },
});
