/**
 * How a failure is classified once, where it happens. The edge (HTTP, SOAP) and the
 * retry policy read only the kind; nothing downstream parses messages.
 */
export type ErrorKind =
  | 'malformed' // the input cannot be read at all (not JSON, not XML, too large)
  | 'invalid' // the input reads, but is wrong; retrying the same input cannot help
  | 'unauthorized' // no or wrong credentials
  | 'not-found' // the thing does not exist, or belongs to someone else
  | 'conflict' // the state moved under us (stale version, duplicate name)
  | 'transient' // try again later (lock, busy, network)
  | 'needs-user-action' // a person has to do something first
  | 'internal'; // our bug

/** One concrete problem inside an invalid input: where it is and what is wrong with it. */
export interface Problem {
  /** Where: a file and/or a dotted path, e.g. `config/partners/acme.json: rules[2].flow`. */
  readonly at: string;
  /** What is wrong, in words a user can act on. Never echoes a secret value. */
  readonly message: string;
}

export interface AppErrorOptions {
  /** For logs only: never shown to a user. */
  readonly detail?: string;
  /** A stable name for what the partner must do, kept on the connection as its error code (the kind when absent). */
  readonly code?: string;
  readonly cause?: unknown;
  readonly problems?: readonly Problem[];
}

/**
 * The one error type of the project.
 *
 * @example
 * throw new AppError('invalid', 'The amount must have at most 2 decimals.', { detail: `got ${raw}` });
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  /** Safe to show to a partner or an API client. */
  readonly userMessage: string;
  readonly detail: string | undefined;
  readonly problems: readonly Problem[];
  /** See AppErrorOptions.code. */
  readonly code: string | undefined;

  constructor(kind: ErrorKind, userMessage: string, options: AppErrorOptions = {}) {
    super(options.detail ? `${userMessage} (${options.detail})` : userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.userMessage = userMessage;
    this.detail = options.detail;
    this.code = options.code;
    this.problems = Object.freeze([...(options.problems ?? [])]);
  }

  /** An invalid-input error that lists every problem found, one per line. */
  static invalid(summary: string, problems: readonly Problem[]): AppError {
    const lines = problems.map((p) => `  - ${p.at}: ${p.message}`);
    return new AppError('invalid', [summary, ...lines].join('\n'), { problems });
  }

  /** Wraps anything thrown into an AppError, keeping an AppError as it is. */
  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new AppError('internal', 'Something went wrong on our side.', { detail, cause: error });
  }
}
