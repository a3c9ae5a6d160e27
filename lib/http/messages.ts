/** The one answer for "maybe we mailed you", identical whether or not the account exists. */
export const MAYBE_MAILED = "If an account exists for that address, we have sent it an email. Check your inbox.";
