import { methods } from "@/lib/http/route";
import { deleteUserByForm } from "../own-account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ POST: deleteUserByForm });
