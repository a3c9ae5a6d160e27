import { startEnrolment } from "@/lib/auth/two-factor";
import { json, methods, route } from "@/lib/http/route";
import { enrolmentResponseSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "enrolTwoFactor",
      summary: "Start turning on TOTP: a new secret as a QR code, an otpauth:// URI and text",
      description:
        "Not in force until `POST /api/auth/2fa/confirm` gets a code from it; a new enrolment replaces an unconfirmed one. The secret is stored encrypted.",
      responses: { 200: enrolmentResponseSchema },
      errors: ["two_factor_enabled", "two_factor_unavailable"],
      auth: "user",
      limits: ({ caller }) => [["mfa", `account:${caller.user.id}`]],
    },
    async ({ db, caller }) => {
      const result = await startEnrolment(db, caller.user);
      if (!result.ok) return result;
      const { otpauth_uri, secret, qr_code } = result;
      return json({ otpauth_uri, secret, qr_code });
    },
  ),
});
