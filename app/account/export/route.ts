// "Download my data" on /account. A page path, so the page guard in middleware first renews an
// access token the open page has outlived (or sends the person to log in and back here); the
// 303 then carries the fresh cookie to the API's export. A link straight to the API would
// answer 401 once the page had been open longer than an access token lives.
export const dynamic = "force-dynamic";

export function GET(): Response {
  // Relative: the standalone server knows itself by its bind address, not the public origin.
  return new Response(null, {
    status: 303,
    headers: { location: "/api/auth/user/export", "cache-control": "no-store" },
  });
}
