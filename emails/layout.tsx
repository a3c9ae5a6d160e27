import type { ReactNode } from "react";

const body = { margin: 0, padding: "32px 0", background: "#0b1020", fontFamily: "Helvetica, Arial, sans-serif" };
const card = {
  maxWidth: 480,
  margin: "0 auto",
  padding: 32,
  background: "#ffffff",
  borderRadius: 12,
  color: "#1b2035",
};
const footer = { maxWidth: 480, margin: "16px auto 0", color: "#9aa3c7", fontSize: 12, textAlign: "center" as const };

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{preview}</title>
      </head>
      <body style={body}>
        <div style={card}>
          <p style={{ margin: "0 0 24px", fontWeight: 700, letterSpacing: 2, color: "#4b3fd1" }}>ASTROWORLD</p>
          {children}
        </div>
        <p style={footer}>You received this because of activity on your ASTROWORLD account.</p>
      </body>
    </html>
  );
}

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p style={{ margin: "24px 0" }}>
      <a
        href={href}
        style={{
          background: "#4b3fd1",
          color: "#ffffff",
          padding: "12px 20px",
          borderRadius: 8,
          textDecoration: "none",
          fontWeight: 600,
        }}
      >
        {children}
      </a>
    </p>
  );
}
