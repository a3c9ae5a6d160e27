import Link from "next/link";

export default function HomePage() {
  return (
    <section className="hero">
      <h1>Your gateway to ASTROWORLD</h1>
      <p>Secure accounts with verified email, rotating sessions and nothing to configure.</p>
      <div className="actions">
        <Link className="button" href="/register">Create an account</Link>
        <Link className="button secondary" href="/login">Log in</Link>
      </div>
    </section>
  );
}
