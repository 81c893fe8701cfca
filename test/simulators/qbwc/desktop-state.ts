/** Where QuickBooks stands on the simulated Windows machine. */
export interface DesktopState {
  /** The company file QuickBooks has (the simulated company's path). */
  companyFilePath: string;
  /** Whether QuickBooks is running with that file open. */
  isRunning: boolean;
  /** When set, opening the company fails with this HRESULT (0x8004041D: no unattended login, ...). */
  openFailure?: { hresult: string; message: string };
}

/** Why QuickBooks cannot open `path` ('' for whatever company is open) on this desktop, or undefined when it can. */
export function openFailureOf(desktop: DesktopState, path: string): { hresult: string; message: string } | undefined {
  return (
    desktop.openFailure ??
    (path === '' && !desktop.isRunning
      ? {
          hresult: '0x80040416',
          message: 'If the QuickBooks company data file is not open, a call to the "BeginSession" method must include the name of the data file.',
        }
      : undefined) ??
    (path !== '' && path.toLowerCase() !== desktop.companyFilePath.toLowerCase()
      ? { hresult: '0x80040403', message: 'Could not open the specified QuickBooks company data file.' }
      : undefined)
  );
}
