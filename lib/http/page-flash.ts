import { cookies } from "next/headers";
import { flashCookieName, readFlash, type Flash } from "./flash";

/** The flash a form post left for this page (shown once: middleware clears it), or null. */
export async function pageFlash(page: string): Promise<Flash | null> {
  return readFlash((await cookies()).get(flashCookieName())?.value, page);
}
