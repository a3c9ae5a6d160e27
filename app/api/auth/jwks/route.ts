import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/auth/keys";
import { methodsNotAllowed, route } from "@/lib/http/route";

// Verifiers may cache the key set briefly; a rotation keeps the old key published for days.
export const GET = route(async () => NextResponse.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
