import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // `.next/standalone`: server.js with only the node_modules it uses, what `npm start` and the
  // Dockerfile run (docs/deploy.md).
  output: "standalone",
  // The JSON API answers on both `/api/auth/x` and `/api/auth/x/` (docs/design.md#api-contract):
  // the slashed form is rewritten (below), not redirected, so POST bodies survive.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // Tests are type-checked by `npm run typecheck`; the build checks only what it ships.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages opened from emailed links carry tokens in the URL: never leak it as a referrer.
      ...["/verify-email", "/reset-password", "/unlock", "/login/email/link", "/secure-account", "/dev/mailbox"].map(
        (source) => ({
          source,
          headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
        }),
      ),
    ];
  },
  async rewrites() {
    return {
      // Before any route is matched, so `/api/auth/login/` reaches the login route, not the catch-all.
      beforeFiles: [{ source: "/api/:path+/", destination: "/api/:path+" }],
      afterFiles: [{ source: "/.well-known/jwks.json", destination: "/api/auth/jwks" }],
      fallback: [],
    };
  },
};

export default nextConfig;
