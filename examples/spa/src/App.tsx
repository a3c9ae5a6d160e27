import { useEffect, useState, type FormEvent } from "react";
import type { ApiResult, PublicUser } from "../../../lib/client/auth-client";
import { API_URL, auth, onExpired, TRANSPORT } from "./config";

type Status = { text: string; error?: boolean };

const describe = (result: ApiResult<unknown>) =>
  result.ok
    ? ""
    : `${result.error.detail}${result.error.fields ? ` ${Object.values(result.error.fields).flat().join(" ")}` : ""}`;

const field = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;

export function App() {
  const [user, setUser] = useState<PublicUser | null>(null);
  const [sessions, setSessions] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>({ text: "Checking your session…" });

  // Signed in already? Cookies (or a stored refresh token) renew the session silently.
  useEffect(() => {
    onExpired(() => {
      setUser(null);
      setStatus({ text: "Your session has ended. Log in again.", error: true });
    });
    void auth.getUser().then((result) => {
      setUser(result.ok ? result.data : null);
      setStatus({ text: result.ok ? "Welcome back." : "Not signed in." });
    });
  }, []);

  async function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = field(form, "password");
    const result = await auth.register({
      username: field(form, "username"),
      email: field(form, "email"),
      password,
      password2: password,
    });
    setStatus(
      result.ok
        ? { text: "Account created: open the link we emailed you, then log in." }
        : { text: describe(result), error: true },
    );
  }

  async function logIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const result = await auth.login({ login: field(form, "login"), password: field(form, "password") });
    if (!result.ok) return setStatus({ text: describe(result), error: true });
    setUser(result.data.user);
    setStatus({ text: `Signed in as ${result.data.user.username}.` });
  }

  // Three calls at once: after the access token expired they share one refresh.
  async function reload() {
    const [me, list] = await Promise.all([auth.getUser(), auth.listSessions(), auth.listAuditEvents({ limit: 5 })]);
    if (!me.ok) return;
    setUser(me.data);
    setSessions(list.ok ? list.data.sessions.length : null);
    setStatus({ text: "Profile reloaded." });
  }

  async function saveBio(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await auth.updateUser({ bio: field(event.currentTarget, "bio") });
    if (!result.ok) return setStatus({ text: describe(result), error: true });
    setUser(result.data);
    setStatus({ text: "Bio saved." });
  }

  async function logOut() {
    await auth.logout();
    setUser(null);
    setSessions(null);
    setStatus({ text: "Logged out." });
  }

  return (
    <main>
      <h1>Example SPA</h1>
      <p className="muted">
        This page ({window.location.origin}) uses ASTROWORLD Auth at <code>{API_URL}</code> with the{" "}
        <strong data-testid="transport">{TRANSPORT}</strong> transport.
      </p>
      <p role="status" data-testid="status" className={status.error ? "error" : undefined}>
        {status.text}
      </p>
      {user ? (
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <dl>
            <dt>Username</dt>
            <dd data-testid="username">{user.username}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Bio</dt>
            <dd data-testid="bio">{user.bio || "—"}</dd>
            {sessions !== null ? (
              <>
                <dt>Live sessions</dt>
                <dd data-testid="sessions">{sessions}</dd>
              </>
            ) : null}
          </dl>
          <form onSubmit={saveBio}>
            <label htmlFor="bio">New bio</label>
            <input id="bio" name="bio" maxLength={1000} />
            <button type="submit">Save bio</button>
          </form>
          <p>
            <button type="button" onClick={() => void reload()}>
              Reload profile
            </button>{" "}
            <button type="button" onClick={() => void logOut()}>
              Log out
            </button>
          </p>
        </section>
      ) : (
        <>
          <form onSubmit={logIn} aria-labelledby="login-title">
            <h2 id="login-title">Log in</h2>
            <label htmlFor="login">Username or email</label>
            <input id="login" name="login" autoComplete="username" required />
            <label htmlFor="login-password">Password</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" required />
            <button type="submit">Log in</button>
          </form>
          {TRANSPORT === "cookie" ? (
            // A full navigation to the provider and back: the callback sets the httpOnly cookies and
            // returns here (this origin is in the server's AUTH_TRUSTED_ORIGINS). Tokens never travel in a URL.
            <p>
              <a href={`${API_URL}/api/auth/oauth/github?next=${encodeURIComponent(window.location.href)}`}>
                Sign in with GitHub
              </a>
            </p>
          ) : null}
          <form onSubmit={signUp} aria-labelledby="signup-title">
            <h2 id="signup-title">Sign up</h2>
            <label htmlFor="username">Username</label>
            <input id="username" name="username" autoComplete="username" required />
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="new-password" required />
            <button type="submit">Sign up</button>
          </form>
        </>
      )}
    </main>
  );
}
