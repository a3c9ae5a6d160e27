import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";

const database = vi.hoisted(() => ({ execute: vi.fn<() => Promise<unknown>>() }));
vi.mock("@/db", () => ({ getDb: async () => ({ execute: database.execute }) }));

const { databaseMayBeBack, databaseOutageReported, isDatabaseOutage, outageCause, reportDatabaseOutage } =
  await import("./database-outage");

/** An error shaped as the drivers raise it. */
const driverError = (message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), fields);

/** Drizzle's wrapper: its message carries the statement's parameters. */
const drizzleWrapped = (cause: unknown) =>
  Object.assign(new Error("Failed query: select … params: ada@example.test,$argon2id$secret-hash", { cause }), {
    name: "DrizzleQueryError",
  });

describe("isDatabaseOutage", () => {
  it.each([
    ["refused", driverError("connect ECONNREFUSED 127.0.0.1:5432", { code: "ECONNREFUSED" })],
    ["reset", driverError("read ECONNRESET", { code: "ECONNRESET" })],
    ["connect timeout", driverError("write CONNECT_TIMEOUT db:5432", { code: "CONNECT_TIMEOUT" })],
    ["closed mid-query", driverError("write CONNECTION_CLOSED db:5432", { code: "CONNECTION_CLOSED" })],
    ["pool ended", driverError("write CONNECTION_ENDED db:5432", { code: "CONNECTION_ENDED" })],
    ["DNS", driverError("getaddrinfo EAI_AGAIN db", { code: "EAI_AGAIN" })],
    ["both address families refused", Object.assign(new AggregateError([], ""), { code: "ECONNREFUSED" })],
    ["server shutting down", driverError("terminating connection due to administrator command", { code: "57P01" })],
    ["server starting", driverError("the database system is starting up", { code: "57P03" })],
    ["too many connections", driverError("sorry, too many clients already", { code: "53300" })],
    ["connection failure", driverError("connection failure", { code: "08006" })],
    ["statement timeout", driverError("canceling statement due to statement timeout", { code: "57014" })],
    ["PGlite closed", driverError("PGlite is closed")],
    ["node-postgres wording", driverError("Connection terminated unexpectedly")],
    ["wrapped by Drizzle", drizzleWrapped(driverError("connect ECONNREFUSED", { code: "ECONNREFUSED" }))],
    ["inside an AggregateError", new AggregateError([driverError("x", { code: "ETIMEDOUT" })], "")],
  ])("%s: yes", (_, error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it.each([
    ["unique violation", drizzleWrapped(driverError("duplicate key value", { code: "23505" }))],
    ["syntax error", driverError('syntax error at or near "selec"', { code: "42601" })],
    ["serialization failure", driverError("could not serialize access", { code: "40001" })],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["a message that merely mentions a code", new Error("ECONNREFUSED happened somewhere")],
    ["a string", "boom"],
    ["nothing", null],
  ])("%s: no", (_, error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });

  it("survives a cause cycle", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    a.cause = a;
    expect(isDatabaseOutage(a)).toBe(false);
  });

  it("names the driver's error, not the wrapper that holds the parameters", () => {
    const cause = outageCause(
      drizzleWrapped(driverError("connect ECONNREFUSED 10.0.0.5:5432", { code: "ECONNREFUSED" })),
    );
    expect(cause).toEqual({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.5:5432" });
  });
});

describe("outage log", () => {
  let errors: MockInstance;
  let infos: MockInstance;
  let logged: string[] = [];
  const lines = () => logged;

  beforeEach(() => {
    logged = [];
    const keep = (line: unknown) => void logged.push(String(line));
    errors = vi.spyOn(console, "error").mockImplementation(keep);
    infos = vi.spyOn(console, "info").mockImplementation(keep);
  });
  afterEach(() => {
    errors.mockRestore();
    infos.mockRestore();
  });

  it("says it once per outage, once on recovery, and never logs a query's parameters", async () => {
    const refused = drizzleWrapped(driverError("connect ECONNREFUSED 10.0.0.5:5432", { code: "ECONNREFUSED" }));
    await Promise.all(Array.from({ length: 50 }, async () => reportDatabaseOutage(refused)));
    expect(lines()).toEqual([
      "[database] unreachable (ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:5432): answering 503 with Retry-After: 5 until it answers again",
    ]);
    expect(lines().join("\n")).not.toMatch(/argon2id|ada@|Failed query/);

    // Requests that went well without the database prove nothing: one probe at a time asks it.
    database.execute.mockRejectedValue(driverError("connect ECONNREFUSED", { code: "ECONNREFUSED" }));
    await Promise.all(Array.from({ length: 20 }, () => databaseMayBeBack()));
    expect(database.execute).toHaveBeenCalledTimes(1);
    expect(databaseOutageReported()).toBe(true);
    expect(lines()).toHaveLength(1);

    database.execute.mockResolvedValue([]);
    await Promise.all(Array.from({ length: 20 }, () => databaseMayBeBack()));
    expect(database.execute).toHaveBeenCalledTimes(2);
    expect(databaseOutageReported()).toBe(false);
    expect(lines()[1]).toMatch(/^\[database\] reachable again after \d+ s$/);

    // Up again: no probe, no line; the next outage is reported afresh.
    await databaseMayBeBack();
    expect(database.execute).toHaveBeenCalledTimes(2);
    reportDatabaseOutage(driverError("PGlite is closed"));
    expect(lines()).toHaveLength(3);
    expect(lines()[2]).toMatch(/^\[database\] unreachable \(PGlite is closed\)/);
  });
});
