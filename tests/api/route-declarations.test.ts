// Every API route module is written in one shape: `methods({...})` of `route(spec, handler)`.
// Its undeclared methods answer the JSON 405 with an Allow built from the declared ones, and
// each file stays thin (at most four imports).
import { readdirSync, readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
const FILES = (readdirSync(`${ROOT}app/api`, { recursive: true }) as string[])
  .filter((path) => path.endsWith("route.ts"))
  .map((path) => `app/api/${path}`)
  .sort();
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = ((request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  spec?: object;
};

async function load(file: string): Promise<Record<string, Handler>> {
  return import(/* @vite-ignore */ `${ROOT}${file}`) as Promise<Record<string, Handler>>;
}

describe("API route modules", () => {
  it("are found", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(17);
  });

  it.each(FILES)("%s exports every method, each a declared route", async (file) => {
    const routeModule = await load(file);
    for (const method of METHODS) {
      expect(typeof routeModule[method], `${file} ${method}`).toBe("function");
      expect(routeModule[method]!.spec, `${file} ${method} carries its declaration`).toBeTypeOf("object");
    }
  });

  it.each(FILES.filter((f) => !f.includes("[...path]")))(
    "%s answers undeclared methods with a JSON 405 naming the declared ones",
    async (file) => {
      const routeModule = await load(file);
      const source = readFileSync(`${ROOT}${file}`, "utf8");
      const declared = METHODS.filter((m) => new RegExp(`\\b${m}:\\s`).test(source));
      expect(declared.length, `${file} declares at least one method`).toBeGreaterThan(0);
      for (const method of METHODS.filter((m) => !declared.includes(m))) {
        const request = new NextRequest("http://localhost:3000/api/x", {
          method,
          headers: { origin: "http://localhost:3000" },
        });
        const answer = await routeModule[method]!(request, { params: Promise.resolve({}) });
        expect(answer.status, `${file} ${method}`).toBe(405);
        expect(answer.headers.get("allow")).toBe(declared.join(", "));
        expect(await answer.json()).toMatchObject({ code: "method_not_allowed" });
        expect(answer.headers.get("x-request-id")).toBeTruthy();
        expect(answer.headers.get("vary")).toMatch(/origin/i);
      }
    },
  );

  it.each(FILES)("%s imports at most four modules", (file) => {
    const imports = readFileSync(`${ROOT}${file}`, "utf8").match(/^import\s/gm) ?? [];
    expect(imports.length, file).toBeLessThanOrEqual(4);
  });
});
