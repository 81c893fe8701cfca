/**
 * Names a connected system (`qbd`, `alternative`...). Lower-case so that rule
 * files written by hand match what adapters declare.
 */
export type SystemId = string;

export const SYSTEM_ID_RULES = {
  pattern: /^[a-z][a-z0-9-]{1,30}$/,
  patternHint: 'must be a lower-case system name such as "qbd" or "alternative"',
} as const;
