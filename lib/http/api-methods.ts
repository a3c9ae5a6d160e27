/** Every method a route handler can serve (Next.js routes no others); the rest answer 405. */
export const API_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

export function isApiMethod(method: string): boolean {
  return (API_METHODS as readonly string[]).includes(method);
}
