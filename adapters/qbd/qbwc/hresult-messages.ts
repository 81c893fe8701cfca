/**
 * What QuickBooks' HRESULTs mean for a partner, and what to do about them (../shared/reference/qbwc-qbxml.md §8.2; the
 * texts are ours). Codes not listed get a generic message that still names the code.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  '0x80040400': 'QuickBooks could not read a request we sent. We have been told; nothing was changed in QuickBooks.',
  '0x80040401': 'The Web Connector could not reach QuickBooks. Check that QuickBooks is installed and opens normally on this computer.',
  '0x80040402': 'QuickBooks hit an unexpected error. Restart QuickBooks and run Update Selected again; if it repeats, send us qbsdklog.txt.',
  '0x80040403': 'QuickBooks could not open the company file. Check that the file exists and is not open in single-user mode elsewhere.',
  '0x80040406':
    'The company file path we were given does not exist. Correct the company file path of this connection, or leave it empty to use the open company.',
  '0x80040408':
    'QuickBooks could not be started. Open QuickBooks on this computer, or allow this application to log in automatically (Edit > Preferences > Integrated Applications > Properties).',
  '0x8004040A':
    'A different company file is open in QuickBooks. Open the company for this connection, or close QuickBooks so the Web Connector can open the right one.',
  '0x8004040D': 'QuickBooks rejected the session. Run Update Selected again.',
  '0x80040414': 'A window is open in QuickBooks (an update or backup reminder, say) and blocks the Web Connector. Close it and run Update Selected again.',
  '0x80040416':
    'QuickBooks is not running and we were not told which company file to open. Open QuickBooks with the company, or set the company file path of this connection.',
  '0x80040417': 'QuickBooks is running with no company open. Open the company file for this connection.',
  '0x80040418':
    'This application has never been allowed into this company file. Open QuickBooks as the Admin user in single-user mode and run Update Selected to grant access.',
  '0x8004041A': 'This application is not allowed into this company file. As the QuickBooks Admin, allow it under Edit > Preferences > Integrated Applications.',
  '0x8004041D':
    'This application may not log in to QuickBooks automatically. As the QuickBooks Admin, open Edit > Preferences > Integrated Applications > Properties and tick "Allow this application to login automatically".',
  '0x8004041F': 'This edition of QuickBooks does not allow integrations.',
  '0x80040420': 'A QuickBooks user refused access to this application. As the QuickBooks Admin, allow it under Edit > Preferences > Integrated Applications.',
  '0x80040422': 'Another application holds the company file in single-user mode. Close it, or switch QuickBooks to multi-user mode.',
  '0x80040424': 'QuickBooks was still starting. It will be tried again at the next poll.',
};

/** A message a partner can act on, for an HRESULT from the Web Connector. */
export function hresultMessage(hresult: string, qbwcMessage: string): string {
  const code = normaliseHresult(hresult);
  return (
    MESSAGES[code] ??
    `QuickBooks reported ${code || 'an error'}${qbwcMessage ? `: ${qbwcMessage}` : ''}. Run Update Selected again; if it repeats, contact support.`
  );
}

/** `0X80040408`, `80040408` and `-2147220472` all become `0x80040408`. */
export function normaliseHresult(hresult: string): string {
  const text = hresult.trim();
  if (/^-\d+$/.test(text)) return `0x${(Number(text) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`.replace(/^0X/, '0x');
  const hex = text.replace(/^0x/i, '');
  return /^[0-9a-f]{1,8}$/i.test(hex) ? `0x${hex.toUpperCase().padStart(8, '0')}` : text;
}
