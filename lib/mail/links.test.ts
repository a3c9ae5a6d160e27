import { describe, expect, it } from "vitest";
import { linksIn } from "./links";

describe("linksIn", () => {
  it("never lets trailing punctuation become part of a link", () => {
    const url = "http://localhost:3000/verify-email?uid=abc&token=Xy_9-z";
    const text = [
      `Open ${url}.`,
      `Or this: ${url}, then log in.`,
      `Really? ${url}?`,
      `(${url})`,
      `Verify email [${url}]`,
      `"${url}"!`,
    ].join("\n");
    expect(linksIn(text)).toEqual([url]);
  });

  it("keeps a query or path that ends in a letter or digit, and a dot inside the URL", () => {
    expect(linksIn("see https://a.example/x.y/z?q=1 and http://b.example/")).toEqual([
      "https://a.example/x.y/z?q=1",
      "http://b.example/",
    ]);
  });
});
