import { AppError, Problem } from '../../../../core/errors/app-error';

/** The problems a parse reports, or [] when it accepts the input. */
export function problemsOf(parse: () => unknown): Problem[] {
  try {
    parse();
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [...error.problems];
  }
}
