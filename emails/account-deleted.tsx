import { EmailLayout } from "./layout";

export function AccountDeletedEmail({ username }: { username: string }) {
  return (
    <EmailLayout preview="Your ASTROWORLD account was deleted">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Goodbye from ASTROWORLD</h1>
      <p>
        The account <strong>{username}</strong> and everything stored with it (profile, sessions, devices, security
        activity) were deleted just now. Every device was signed out.
      </p>
      <p>Thank you for flying with us. You are welcome to sign up again at any time.</p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        If you did not delete your account, someone knew your password: if you used it anywhere else, change it there.
      </p>
    </EmailLayout>
  );
}
