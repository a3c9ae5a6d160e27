import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The JSON API answers on both `/api/auth/x` and `/api/auth/x/` (DESIGN.md §5);
  // middleware.ts rewrites the slashed form instead of redirecting, so POST bodies survive.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  async rewrites() {
    return [{ source: "/.well-known/jwks.json", destination: "/api/auth/jwks" }];
  },
};

export default nextConfig;
