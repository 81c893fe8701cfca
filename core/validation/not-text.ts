/**
 * Text we never take: control characters other than tab, line feed and carriage return
 * (PostgreSQL refuses NUL outright), and lone surrogates, which no encoding can carry (the
 * driver would store U+FFFD in their place and no one would know what was sent).
 */
export const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a field reader says of such text. */
export const NOT_TEXT_PROBLEM = 'must not contain control characters or unpaired surrogates';
