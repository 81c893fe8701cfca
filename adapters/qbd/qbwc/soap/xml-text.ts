import { AppError } from '../../../../core/errors/app-error';

// XML 1.0's rules for text, for the text the envelope reader decodes itself (past sax).

// XML 1.0 allows tab, LF and CR below 0x20, and no U+FFFE/U+FFFF; lone surrogates are not text at all.
export const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** The longest entity XML has: a numeric reference to the highest code point, &#1114111; or &#x10FFFF;. */
export const MAX_ENTITY_CHARS = 10;

/**
 * Decodes XML's five entities and numeric references in one piece of text (whole entities
 * only), refusing any other. Native replaceAll passes beat a callback per entity several times
 * over; `&amp;` goes last, so `&amp;lt;` stays the text `&lt;`.
 */
export function decodeEntities(text: string): string {
  let out = text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'");
  const unknown = /&(?!amp;|#)([^;]{0,12});?/.exec(out);
  if (unknown) decodeEntity(unknown[1]); // throws: not an XML entity
  if (out.includes('&#')) out = out.replace(/&#([^;]*);/g, (_, code: string) => decodeEntity(`#${code}`));
  return out.replaceAll('&amp;', '&');
}

/** One entity by name, as sax's strictEntities reads it; anything else is refused. */
function decodeEntity(name: string): string {
  const named = XML_ENTITIES[name];
  if (named !== undefined) return named;
  const code = /^#[0-9]{1,7}$/.test(name) ? Number(name.slice(1)) : /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : -1;
  if (code < 0 || code > 0x10ffff) throw new AppError('malformed', `The request is not well-formed XML: &${name.slice(0, 12)}; is not an XML entity.`);
  return String.fromCodePoint(code);
}
