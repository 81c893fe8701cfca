import sax from 'sax';

/** What the Web Connector takes from a QWC file. */
export interface QwcFile {
  readonly appName: string;
  readonly appUrl: string;
  readonly appSupport: string;
  readonly userName: string;
  readonly ownerId: string;
  readonly fileId: string;
  readonly runEveryMinutes?: number;
  readonly fields: Readonly<Record<string, string>>;
}

/** Reads a QWC file and checks what QBWC checks when one is added (../shared/reference/qbwc-qbxml.md §2, App. A). */
export function readQwc(xml: string): QwcFile {
  if (xml.charCodeAt(0) === 0xfeff || /^\s/.test(xml)) throw new Error('QWC starts with a BOM or whitespace');
  const fields: Record<string, string> = {};
  const parser = sax.parser(true, {});
  const path: string[] = [];
  parser.onopentag = (t) => void path.push(t.name);
  parser.onclosetag = () => void path.pop();
  parser.ontext = (t) => {
    const name = path[path.length - 1];
    if (name && t.trim()) fields[name] = (fields[name] ?? '') + t.trim();
  };
  parser.write(xml).close();
  for (const required of ['AppName', 'AppURL', 'AppDescription', 'AppSupport', 'UserName', 'OwnerID', 'FileID', 'QBType']) {
    if (!fields[required]) throw new Error(`QBWC1039: the QWC has no ${required}`);
  }
  const url = new URL(fields.AppURL);
  const support = new URL(fields.AppSupport);
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') throw new Error('QBWC1010: AppURL must be https unless it is localhost');
  if (url.hostname !== support.hostname) throw new Error('QBWC1000: AppURL and AppSupport are on different domains');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(url.hostname)) throw new Error('QBWC1001: AppURL is an IP address');
  const guid = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
  if (!guid.test(fields.OwnerID) || !guid.test(fields.FileID)) throw new Error('OwnerID and FileID must be braced GUIDs');
  return {
    appName: fields.AppName,
    appUrl: fields.AppURL,
    appSupport: fields.AppSupport,
    userName: fields.UserName,
    ownerId: fields.OwnerID,
    fileId: fields.FileID,
    runEveryMinutes: fields.RunEveryNMinutes ? Number(fields.RunEveryNMinutes) : undefined,
    fields,
  };
}
