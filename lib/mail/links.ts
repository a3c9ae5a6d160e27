/**
 * The links in a plain-text mail, once each, in order. Sentence punctuation right after a URL
 * ("…?token=abc.") is the sentence's, not the link's: a full stop, comma, colon, semicolon,
 * quote, bracket or exclamation/question mark at the end is left out.
 */
export function linksIn(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s<>"'\]\[()]+/g) ?? [];
  return [...new Set(found.map((href) => href.replace(/[.,;:!?'"]+$/, "")))];
}
