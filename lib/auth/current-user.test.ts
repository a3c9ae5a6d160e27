import type { ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";

// Server components read the signed-in user through current-user.ts. With the database out of
// reach the page gives way to the branded /unavailable page (a redirect: Next.js logs nothing
// for it, where a thrown error would be a stack per request), and the header shows the
// signed-out links. A bug is not mistaken for an outage.

const request = vi.hoisted(() => ({ headers: new Headers(), failure: null as unknown }));

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => ({ value: "an-access-token" }) }),
  headers: async () => request.headers,
}));
vi.mock("@/db", () => ({
  getDb: async () => {
    throw request.failure;
  },
}));

const { currentAccount, currentUser } = await import("./current-user");
const { withPageHeaders, PAGE_PATH_HEADER } = await import("@/lib/http/page-headers");
const { default: UnavailablePage } = await import("@/app/unavailable/page");

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

/** The URL a `redirect()` was aimed at, or the error if it was something else. */
async function redirectTarget(page: Promise<unknown>): Promise<string> {
  const error = await page.then(
    () => new Error("no redirect"),
    (e: unknown) => e,
  );
  const digest = (error as { digest?: string }).digest ?? "";
  if (!digest.startsWith("NEXT_REDIRECT;")) throw error;
  return digest.split(";")[2]!;
}

let errors: MockInstance;

beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  errors.mockRestore();
});

describe("pages while the database cannot be reached", () => {
  it("a page needing the user goes to /unavailable, which links back to the page asked for", async () => {
    request.failure = refused;
    request.headers = new Headers({ [PAGE_PATH_HEADER]: "/account?tab=sessions" });

    const targets = await Promise.all([
      ...Array.from({ length: 10 }, () => redirectTarget(currentUser())),
      ...Array.from({ length: 10 }, () => redirectTarget(currentAccount())),
    ]);
    expect(new Set(targets)).toEqual(new Set(["/unavailable?next=%2Faccount%3Ftab%3Dsessions"]));
    // One line for the outage, not one per page.
    expect(errors.mock.calls.map((args) => String(args[0]))).toEqual([
      expect.stringMatching(/^\[database\] unreachable \(ECONNREFUSED/),
    ]);

    const page = (await UnavailablePage({
      searchParams: Promise.resolve({ next: new URL(`http://x${targets[0]}`).searchParams.get("next")! }),
    })) as ReactElement<{ children: ReactElement[] }>;
    const button = page.props.children.find((child) => child?.type === "a") as ReactElement<{ href: string }>;
    expect(button.props.href).toBe("/account?tab=sessions");
  });

  it("the header answers signed-out instead, so /unavailable itself renders", async () => {
    request.failure = refused;
    expect(await currentUser({ whenUnavailable: "signed-out" })).toBeNull();
  });

  it("a bug is not an outage: it is thrown as it was", async () => {
    request.failure = new TypeError("Cannot read properties of undefined (reading 'id')");
    await expect(currentUser()).rejects.toBe(request.failure);
    await expect(currentUser({ whenUnavailable: "signed-out" })).rejects.toBe(request.failure);
  });

  it("/unavailable sends nobody off-site, whatever `next` says", async () => {
    for (const next of ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const page = (await UnavailablePage({ searchParams: Promise.resolve({ next }) })) as ReactElement<{
        children: ReactElement[];
      }>;
      const button = page.props.children.find((child) => child?.type === "a") as ReactElement<{ href: string }>;
      expect(button.props.href).toBe("/");
    }
  });

  it("the page path comes from the edge, never from the client's own header", async () => {
    const forged = new Request("http://localhost:3000/dashboard?x=1", {
      headers: { [PAGE_PATH_HEADER]: "//evil.example" },
    });
    let seen: string | null = null;
    await withPageHeaders(forged, async (headers) => {
      seen = headers.get(PAGE_PATH_HEADER);
      return new (await import("next/server")).NextResponse(null);
    });
    expect(seen).toBe("/dashboard?x=1");
  });
});
