import { escapeText } from '../qbxml/requests/qbxml-writer';

/**
 * Our application's OwnerID: one GUID for the product, never per connection (../shared/reference/qbwc-qbxml.md §2).
 * QBWC keeps the FileID data extension in the company file under it.
 */
export const OWNER_ID = '{4E2B7C3A-9D1F-4A6B-8C5E-2F7D0B9A1C36}';
export const APP_NAME = 'Alternative Payments Sync';

export interface QwcFileInput {
  readonly publicUrl: string;
  readonly username: string;
  readonly fileId: string;
  readonly companyName: string;
  readonly intervalMinutes: number;
}

/** QBWC talks plain http only to localhost (QBWC1010): any other host is written as https. */
export function qbwcBaseUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1'].includes(url.hostname)) url.protocol = 'https:';
  return url.toString().replace(/\/+$/, '');
}

/**
 * The .QWC file a partner opens in the Web Connector. AppURL and AppSupport share one host (QBWC1000);
 * AppUniqueName per install lets re-adding a fresh file replace the old registration quietly.
 */
export function buildQwcFile(input: QwcFileInput): string {
  const base = qbwcBaseUrl(input.publicUrl);
  const element = (name: string, value: string) => `  <${name}>${escapeText(value)}</${name}>`;
  return [
    '<?xml version="1.0"?>',
    '<QBWCXML>',
    element('AppName', APP_NAME),
    '  <AppID></AppID>',
    element('AppURL', `${base}/qbwc`),
    element('AppDescription', `Syncs ${input.companyName} with Alternative Payments`.slice(0, 80)),
    element('AppSupport', `${base}/support`),
    element('AppUniqueName', `${APP_NAME} ${input.username}`),
    element('UserName', input.username),
    element('OwnerID', OWNER_ID),
    element('FileID', input.fileId),
    '  <QBType>QBFS</QBType>',
    '  <Scheduler>',
    `    <RunEveryNMinutes>${Math.trunc(input.intervalMinutes)}</RunEveryNMinutes>`,
    '  </Scheduler>',
    '  <IsReadOnly>false</IsReadOnly>',
    '  <UnattendedModePref>umpRequired</UnattendedModePref>',
    '  <PersonalDataPref>pdpNotNeeded</PersonalDataPref>',
    '</QBWCXML>',
    '',
  ].join('\n');
}
