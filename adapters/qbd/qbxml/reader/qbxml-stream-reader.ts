import { SaxesParser, SaxesTagPlain } from 'saxes';
import { AppError } from '../../../../core/errors/app-error';
import { textOf } from './xml-node';
import { QbRecord, RET_READERS, RS_BODY_READERS } from '../records/qb-record';
import { classifyStatus } from '../status-codes';
import { QbxmlEvent, ResponseStatus } from './qbxml-events';
import { XmlNode } from './xml-node';

/** Bounds on one record, so a hostile answer cannot grow memory without limit. */
export const RECORD_LIMITS = { maxElements: 100_000, maxTextChars: 16 * 1024 * 1024, maxDepth: 64 } as const;

const RS_LEVEL = 2; // QBXML(0) > QBXMLMsgsRs(1) > XxxRs(2) > XxxRet(3)

/** Positions are not tracked (position tracking costs ~10% on a large answer); the message says what, not where. */
function malformed(message: string): AppError {
  return new AppError('malformed', `The QuickBooks answer is not readable qbXML: ${message}.`);
}

function optionalInt(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * A push parser for qbXML answers on top of `saxes` (ADR 0015: about three times faster than `sax`
 * on QuickBooks' answers, and a conforming XML 1.0 checker): write text in chunks, and each `…Rs`
 * status and each `…Ret` record is emitted the moment its element opens or closes. Only the
 * record being read is held in memory. Refuses a DOCTYPE (no entity declarations, hence no
 * entity expansion or external entities), non-XML entities, a root that is not QBXML, and a
 * document that ends early.
 */
export class QbxmlStreamReader {
  private readonly parser: SaxesParser<{ xmlns: false }>;
  private depth = 0;
  private rootSeen = false;
  private rootClosed = false;
  /** Something other than leading whitespace has been written. */
  private begun = false;
  private rs?: { name: string; requestId?: string; body?: XmlNode };
  /** The open elements of the record being collected, innermost last. */
  private stack: XmlNode[] = [];
  private collecting?: { root: XmlNode; elements: number; chars: number; reader: (n: XmlNode) => unknown; isBody: boolean };

  constructor(
    private readonly emit: (event: QbxmlEvent) => void,
    /** Which Rets become records, and how: a trimmed (IncludeRetElement) answer brings its own. */
    private readonly retReaders: Readonly<Record<string, (node: XmlNode) => QbRecord>> = RET_READERS,
  ) {
    // saxes knows only XML's five entities and numeric references: HTML names such as &nbsp; are
    // errors, not expansions. No position tracking: it is paid for on every character and only
    // ever went into error texts.
    this.parser = new SaxesParser({ xmlns: false, position: false });
    this.parser.on('error', (error) => {
      throw malformed(error.message.split('\n')[0].toLowerCase());
    });
    this.parser.on('doctype', () => {
      throw malformed('a DOCTYPE is not allowed (qbXML has none, and it could declare entities)');
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
  }

  write(chunk: string): void {
    if (!this.begun) {
      // Whitespace before the XML declaration is an error to saxes (the declaration must come
      // first); sax let it pass, and a client that wraps the answer's text may add a line break.
      const rest = chunk.replace(/^[ \t\r\n]+/, '');
      if (!rest) return;
      this.begun = true;
      chunk = rest;
    }
    this.parser.write(chunk);
  }

  /** Ends the document; throws when it was cut short or empty. */
  end(): void {
    if (!this.rootSeen) throw malformed('the document is empty');
    if (!this.rootClosed) throw malformed('the document ends before </QBXML> (truncated)');
    this.parser.close();
  }

  private open(tag: SaxesTagPlain): void {
    const level = this.depth++;
    if (level === 0) {
      if (this.rootSeen) throw malformed('more than one root element');
      if (tag.name !== 'QBXML') throw malformed(`the root element is <${tag.name}>, not <QBXML>`);
      this.rootSeen = true;
      return;
    }
    if (this.collecting) return this.openInRecord(tag);
    if (level === RS_LEVEL && tag.name.endsWith('Rs')) return this.openResponse(tag);
    if (level === RS_LEVEL + 1 && this.rs) {
      const reader = this.retReaders[tag.name];
      if (reader) this.startRecord(tag, reader, false);
    }
  }

  private openResponse(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    const code = a.statusCode !== undefined && /^-?\d+$/.test(a.statusCode) ? Number(a.statusCode) : undefined;
    if (code === undefined) throw malformed(`<${tag.name}> has no numeric statusCode`);
    const status: ResponseStatus = {
      rsName: tag.name,
      requestId: a.requestID,
      statusCode: code,
      statusSeverity: a.statusSeverity ?? '',
      statusMessage: a.statusMessage,
      retCount: optionalInt(a.retCount),
      iteratorRemainingCount: optionalInt(a.iteratorRemainingCount),
      iteratorId: a.iteratorID,
      meaning: classifyStatus(code),
    };
    this.rs = { name: tag.name, requestId: a.requestID };
    this.emit({ kind: 'status', status });
    const bodyReader = RS_BODY_READERS[tag.name];
    if (bodyReader && code < 1000) {
      // The answer sits in the Rs element itself (TxnDelRs): collect its direct children.
      this.rs.body = { name: tag.name, attributes: a, children: [], text: '' };
      this.collecting = { root: this.rs.body, elements: 0, chars: 0, reader: bodyReader, isBody: true };
      this.stack = [this.rs.body];
    }
  }

  private startRecord(tag: SaxesTagPlain, reader: (n: XmlNode) => unknown, isBody: boolean): void {
    const root: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    this.collecting = { root, elements: 1, chars: 0, reader, isBody };
    this.stack = [root];
  }

  private openInRecord(tag: SaxesTagPlain): void {
    const c = this.collecting!;
    if (++c.elements > RECORD_LIMITS.maxElements || this.stack.length >= RECORD_LIMITS.maxDepth) {
      throw malformed(`the <${c.root.name}> record is too large or too deep`);
    }
    const node: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    this.stack[this.stack.length - 1].children.push(node);
    this.stack.push(node);
  }

  private text(text: string): void {
    if (!this.collecting || this.stack.length === 0) {
      if (this.depth === 0 && text.trim() !== '') throw malformed('text outside the root element');
      return;
    }
    const c = this.collecting;
    c.chars += text.length;
    if (c.chars > RECORD_LIMITS.maxTextChars) throw malformed(`the <${c.root.name}> record is too large`);
    this.stack[this.stack.length - 1].text += text;
  }

  private close(): void {
    const level = --this.depth;
    if (level === 0) {
      this.rootClosed = true;
      return;
    }
    const c = this.collecting;
    if (c) {
      this.stack.pop();
      if (this.stack.length === 0) this.finishRecord(c.root, c.reader, c.isBody);
      return;
    }
    if (level === RS_LEVEL) this.rs = undefined;
  }

  private finishRecord(root: XmlNode, reader: (n: XmlNode) => unknown, isBody: boolean): void {
    this.collecting = undefined;
    const rs = this.rs!;
    try {
      this.emit({ kind: 'record', rsName: rs.name, requestId: rs.requestId, record: reader(root) as never });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.emit({
        kind: 'bad-record',
        rsName: rs.name,
        requestId: rs.requestId,
        retName: root.name,
        error,
        id: textOf(root, 'TxnID') ?? textOf(root, 'ListID'),
      });
    }
    if (isBody) this.rs = undefined;
  }
}
