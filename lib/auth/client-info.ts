/** Who is asking, as far as the sessions page and the audit log need to know. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}
