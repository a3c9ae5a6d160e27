import { fail } from "@/lib/http/errors";
import { preflight, route } from "@/lib/http/route";

// Unknown API paths answer in the API's own format (JSON, Vary: Origin), not with the HTML 404 page.
const notFound = route({}, async () => fail("not_found"));

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  preflight as OPTIONS,
};
