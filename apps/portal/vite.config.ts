import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves this build under /portal/ (with SPA fallback) and tRPC under /trpc.
export default defineConfig({
  base: "/portal/",
  plugins: [react()],
  server: { proxy: { "/trpc": "http://localhost:3000" } },
});
