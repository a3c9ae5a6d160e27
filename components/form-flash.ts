import type { Flash } from "@/lib/http/flash";

/** What a page hands its form from a post made without JavaScript (lib/http/flash.ts). */
export type FormFlash = Omit<Flash, "page"> | null;

/** A field's error from the flash, until the form is submitted again in the browser. */
export function flashFieldError(flash: FormFlash, name: string, submitCount: number): string | undefined {
  if (!flash || flash.ok || submitCount > 0) return undefined;
  return flash.fields?.[name]?.join(" ");
}

/** The form-level message of a failed post, as applyServerErrors would place it. */
export function flashAlert(flash: FormFlash, known: readonly string[]): string | null {
  if (!flash || flash.ok) return null;
  const unplaced = Object.entries(flash.fields ?? {}).find(([name]) => !known.includes(name));
  if (unplaced) return unplaced[1].join(" ");
  return flash.fields ? null : (flash.detail ?? null);
}

/** The values typed before the post (never passwords or tokens), for the form's defaults. */
export function flashValue(flash: FormFlash, name: string): string | undefined {
  return flash?.values?.[name];
}
