import { describe, expect, it } from "vitest";
import { PROFILE_PICTURE_MAX_LENGTH } from "@/lib/schemas/account";
import {
  api,
  auditEventsOf,
  expectError,
  loginAttempt,
  PATHS,
  signIn,
  userRow,
  type Credentials,
  type Transport,
} from "../helpers/account";
import { json } from "../helpers/http";
import { activeUser } from "../helpers/users";

type Profile = Record<string, unknown>;

function patch(credentials: Credentials, body: unknown): Promise<Response> {
  return api("PATCH", PATHS.user, { ...credentials, json: body });
}

function put(credentials: Credentials, body: unknown): Promise<Response> {
  return api("PUT", PATHS.user, { ...credentials, json: body });
}

const fullProfile = (username: string): Profile => ({
  username,
  first_name: "Jacques",
  last_name: "Webster",
  bio: "Highest in the room.",
  profile_picture: "https://cdn.example.test/avatars/astro.png",
});

describe.each(["bearer", "cookie"] as Transport[])("profile updates over %s transport", (transport) => {
  it("PATCH changes only the fields it sends", async () => {
    const user = await activeUser({ first_name: "Travis", last_name: "Scott" });
    const credentials = await signIn(user, transport);
    const before = await userRow(user.email);

    const response = await patch(credentials, { bio: "  Rodeo, Birds, Astroworld.  " });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<Profile>(response);
    expect(body).toMatchObject({
      username: user.username,
      email: user.email,
      first_name: "Travis",
      last_name: "Scott",
      bio: "Rodeo, Birds, Astroworld.",
    });

    const after = await userRow(user.email);
    expect(after).toEqual({ ...before, bio: "Rodeo, Birds, Astroworld." });
    expect(await json(await api("GET", PATHS.user, credentials))).toEqual(body);

    const [event] = (await auditEventsOf(before.id)).filter((e) => e.event === "profile_update");
    expect(event?.metadata).toEqual({ fields: ["bio"] });
  });

  it("PUT replaces every editable field", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, transport);
    const renamed = `${user.username}_v2`;
    const response = await put(credentials, fullProfile(renamed));
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toMatchObject({ ...fullProfile(renamed), email: user.email, email_verified: true });
    expect(await userRow(user.email)).toMatchObject({
      username: renamed,
      firstName: "Jacques",
      lastName: "Webster",
      bio: "Highest in the room.",
      profilePicture: "https://cdn.example.test/avatars/astro.png",
    });
  });
});

describe("PUT /api/auth/user", () => {
  it("requires every editable field and names each one that is missing", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const before = await userRow(user.email);

    await expectError(await put(credentials, { bio: "only this" }), 400, "validation_error", [
      "username",
      "first_name",
      "last_name",
      "profile_picture",
    ]);
    await expectError(await put(credentials, {}), 400, "validation_error", [
      "username",
      "first_name",
      "last_name",
      "bio",
      "profile_picture",
    ]);
    const withoutPicture = fullProfile(user.username);
    delete withoutPicture.profile_picture;
    const missingPicture = await expectError(await put(credentials, withoutPicture), 400, "validation_error", [
      "profile_picture",
    ]);
    expect(Object.keys(missingPicture.fields!)).toEqual(["profile_picture"]);

    expect(await userRow(user.email)).toEqual(before);
  });

  it('accepts null and "" for profile_picture to clear it', async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    for (const cleared of [null, ""]) {
      expect((await patch(credentials, { profile_picture: "https://example.test/a.png" })).status).toBe(200);
      const response = await put(credentials, { ...fullProfile(user.username), profile_picture: cleared });
      expect(response.status).toBe(200);
      expect((await json(response)).profile_picture).toBeNull();
      expect((await userRow(user.email)).profilePicture).toBeNull();
    }
  });
});

describe("PATCH /api/auth/user", () => {
  it("changes the username, which then works for login", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const renamed = `Renamed_${user.username}`;
    const response = await patch(credentials, { username: renamed });
    expect(response.status).toBe(200);
    expect((await json(response)).username).toBe(renamed);
    expect((await loginAttempt(renamed.toLowerCase(), user.password)).status).toBe(200);
    await loginAttempt(user.username, user.password).then((r) => expect(r.status).toBe(401));
  });

  it("lets a user change the case of their own username", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const response = await patch(credentials, { username: user.username.toUpperCase() });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await userRow(user.email)).username).toBe(user.username.toUpperCase());
  });

  it("refuses a username taken by someone else in any case, and changes nothing", async () => {
    const taken = await activeUser();
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    const before = await userRow(user.email);

    for (const username of [taken.username, taken.username.toUpperCase()]) {
      const body = await expectError(
        await patch(credentials, { username, bio: "should not stick" }),
        400,
        "validation_error",
        ["username"],
      );
      expect(body.fields!.username!.join(" ")).toBe("That username is taken.");
    }
    expect(await userRow(user.email)).toEqual(before);
    expect((await userRow(taken.email)).username).toBe(taken.username);
    expect((await auditEventsOf(before.id)).map((e) => e.event)).not.toContain("profile_update");
  });

  it("a username equal to another account's email does not capture logins by that email", async () => {
    const victim = await activeUser();
    const squatter = await activeUser();
    const credentials = await signIn(squatter, "bearer");
    // "@" and "." are allowed in usernames, so this is a valid, untaken username.
    expect((await patch(credentials, { username: victim.email.toUpperCase() })).status).toBe(200);

    // Each successful login rewrites the user row, which changes the order a scan returns
    // them in; the victim must get in every time regardless.
    for (let i = 0; i < 6; i++) {
      const response = await loginAttempt(victim.email, victim.password);
      expect(response.status, `attempt ${i}: ${await response.clone().text()}`).toBe(200);
      expect((await json(response)).user).toMatchObject({ email: victim.email });
      if (i === 2) expect((await loginAttempt(squatter.email, squatter.password)).status).toBe(200);
    }
    await loginAttempt(victim.email, squatter.password).then((r) => expect(r.status).toBe(401));
  });

  it("rejects invalid usernames", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    for (const username of ["", "ab", "has space", "semi;colon", "x".repeat(151), 42, null]) {
      await expectError(await patch(credentials, { username }), 400, "validation_error", ["username"]);
    }
    expect((await userRow(user.email)).username).toBe(user.username);
  });

  it.each(["http://example.test/me.png", "https://example.test/me.png?size=256#x", "HTTPS://EXAMPLE.TEST/ME.PNG"])(
    "accepts the http(s) picture URL %s",
    async (url) => {
      const user = await activeUser();
      const response = await patch(await signIn(user, "bearer"), { profile_picture: url });
      expect(response.status, await response.clone().text()).toBe(200);
      expect((await userRow(user.email)).profilePicture).toBe(url);
    },
  );

  it("accepts a picture URL of exactly the maximum length", async () => {
    const user = await activeUser();
    const prefix = "https://example.test/";
    const url = prefix + "a".repeat(PROFILE_PICTURE_MAX_LENGTH - prefix.length);
    expect(url).toHaveLength(2048);
    expect((await patch(await signIn(user, "bearer"), { profile_picture: url })).status).toBe(200);
    expect((await userRow(user.email)).profilePicture).toBe(url);
  });

  it("rejects picture URLs that are not http(s), not URLs, or too long, and keeps the old one", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    const kept = "https://example.test/kept.png";
    expect((await patch(credentials, { profile_picture: kept })).status).toBe(200);
    const prefix = "https://example.test/";

    const rejected: unknown[] = [
      "javascript:alert(document.cookie)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:text/html,<script>alert(1)</script>",
      "ftp://example.test/me.png",
      "file:///etc/passwd",
      "vbscript:msgbox(1)",
      "//example.test/me.png",
      "/avatars/me.png",
      "not a url",
      prefix + "a".repeat(PROFILE_PICTURE_MAX_LENGTH - prefix.length + 1),
      42,
      { url: kept },
    ];
    for (const profile_picture of rejected) {
      await expectError(await patch(credentials, { profile_picture }), 400, "validation_error", ["profile_picture"]);
    }
    expect((await userRow(user.email)).profilePicture).toBe(kept);
  });

  it("clears the picture with null or an empty string", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    for (const cleared of [null, "", "   "]) {
      expect((await patch(credentials, { profile_picture: "https://example.test/a.png" })).status).toBe(200);
      const response = await patch(credentials, { profile_picture: cleared });
      expect(response.status).toBe(200);
      expect((await json(response)).profile_picture).toBeNull();
      expect((await userRow(user.email)).profilePicture).toBeNull();
    }
  });

  it("limits the bio to 1000 characters and the names to 150", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    expect((await patch(credentials, { bio: "b".repeat(1000) })).status).toBe(200);
    await expectError(await patch(credentials, { bio: "b".repeat(1001) }), 400, "validation_error", ["bio"]);
    await expectError(
      await patch(credentials, { first_name: "f".repeat(151), last_name: ["x"] }),
      400,
      "validation_error",
      ["first_name", "last_name"],
    );
    await expectError(await patch(credentials, { bio: null }), 400, "validation_error", ["bio"]);
    expect((await userRow(user.email)).bio).toBe("b".repeat(1000));
  });

  it("ignores server-owned fields (mass assignment) and changes none of them in the database", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const before = await userRow(user.email);
    const attack = {
      bio: "legit change",
      id: "00000000-0000-4000-8000-000000000001",
      email: "attacker@evil.test",
      email_verified: false,
      emailVerified: false,
      is_active: false,
      isActive: false,
      date_joined: "2000-01-01T00:00:00.000Z",
      dateJoined: "2000-01-01T00:00:00.000Z",
      last_login: null,
      password: "Hijacked-Password-1!",
      password_hash: "$argon2id$v=19$m=1024,t=1,p=1$AAAA$BBBB",
      passwordHash: "$argon2id$v=19$m=1024,t=1,p=1$AAAA$BBBB",
    };

    const patched = await patch(credentials, attack);
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await json(patched)).toMatchObject({
      id: before.id,
      email: before.email,
      email_verified: true,
      bio: "legit change",
    });
    const put_ = await put(credentials, { ...fullProfile(user.username), ...attack, bio: "put change" });
    expect(put_.status, await put_.clone().text()).toBe(200);

    const after = await userRow(user.email);
    expect(after).toEqual({
      ...before,
      bio: "put change",
      firstName: "Jacques",
      lastName: "Webster",
      profilePicture: fullProfile(user.username).profile_picture,
    });
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);
  });

  it("answers an empty PATCH with the unchanged profile", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    const before = await userRow(user.email);
    const response = await patch(credentials, {});
    expect(response.status).toBe(200);
    expect((await json(response)).username).toBe(user.username);
    expect(await userRow(user.email)).toEqual(before);
  });

  it("rejects a body that is not a JSON object, without a 500", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    for (const body of [null, [], "bio", 7]) {
      await expectError(await patch(credentials, body), 400, "validation_error");
    }
    await expectError(
      await api("PATCH", PATHS.user, {
        ...credentials,
        body: "{bio:",
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_json",
    );
    await expectError(
      await api("PATCH", PATHS.user, { ...credentials, body: "bio=x", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("GET, PUT and PATCH /api/auth/user without a valid session", () => {
  it.each(["GET", "PUT", "PATCH"] as const)("%s answers 401 and changes nothing", async (method) => {
    const user = await activeUser();
    const before = await userRow(user.email);
    const body = method === "GET" ? undefined : fullProfile("someone_else");

    await expectError(await api(method, PATHS.user, { json: body }), 401, "not_authenticated");
    const bearer = await api(method, PATHS.user, { json: body, bearer: "not-a-token" });
    await expectError(bearer, 401, "not_authenticated");
    expect(bearer.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    await expectError(
      await api(method, PATHS.user, { json: body, jar: new Map([["aw_access", "garbage"]]) }),
      401,
      "not_authenticated",
    );
    expect(await userRow(user.email)).toEqual(before);
  });

  it("refuses a signed-out session's token", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    expect((await api("POST", PATHS.logoutAll, credentials)).status).toBe(200);
    await expectError(await patch(credentials, { bio: "after logout" }), 401, "not_authenticated");
    expect((await userRow(user.email)).bio).toBe("");
  });
});
