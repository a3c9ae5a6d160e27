import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/auth/keys";
import { methodsNotAllowed, route } from "@/lib/http/route";

export const GET = route(async () => {
  const response = NextResponse.json(await publicJwks());
  return response;
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
