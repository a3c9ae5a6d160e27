import { vi } from "vitest";
import { limitWindowResets } from "./rate-limit-spec";

vi.hoisted(async () => {
  const { SHORT_WINDOW_ENV } = await import("./rate-limit-settings");
  Object.assign(process.env, SHORT_WINDOW_ENV);
});

limitWindowResets("postgres");
