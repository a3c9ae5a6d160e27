// The example SPA (examples/spa), built with Vite and served by `vite preview` on its own
// port: another origin than the app servers, listed in their AUTH_TRUSTED_ORIGINS.
export const SPA_PORT = 3102;
export const SPA_ORIGIN = `http://localhost:${SPA_PORT}`;
