/** Who is asking, as far as the sessions page and the audit log need to know. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}
