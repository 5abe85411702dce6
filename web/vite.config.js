// The page is built into web/dist, which `silkroute serve` serves from /. In development
// (npm run dev) API calls go to a silkroute server on 127.0.0.1:8080.
import { defineConfig } from "vite";

const api = ["/route", "/matrix", "/compare", "/scenarios", "/network", "/places", "/health", "/openapi.json"];

export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: Object.fromEntries(api.map((p) => [p, "http://127.0.0.1:8080"])) },
});
