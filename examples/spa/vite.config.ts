import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The typed client is imported from the repository (../../lib/client): the dev server may
// read files up there. A copy of lib/client in your own app needs none of this.
export default defineConfig({
  plugins: [react()],
  server: { fs: { allow: ["../.."] } },
  build: { outDir: "dist", emptyOutDir: true },
});
