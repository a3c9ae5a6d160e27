import type { NextResponse } from "next/server";
import type { DeviceOptions } from "@/lib/auth/known-device";
import { KNOWN_DEVICE_SECONDS } from "@/lib/auth/known-device";
import { cookieNames, readCookie, setDeviceCookie } from "./cookies";
import { transportOf } from "./credentials";

/** What the request says about its known-device cookie; only browsers (cookie transport) keep one. */
export function deviceOptionsOf(request: Request): DeviceOptions {
  return {
    deviceToken: readCookie(request, cookieNames().device) ?? null,
    rememberDevice: transportOf(request) === "cookie",
  };
}

export function keepDeviceCookie(response: NextResponse, token: string | null): NextResponse {
  if (token) setDeviceCookie(response, token, KNOWN_DEVICE_SECONDS);
  return response;
}
