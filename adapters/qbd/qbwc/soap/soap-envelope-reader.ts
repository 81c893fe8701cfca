import sax from 'sax';
import { envelopeRefusal } from './envelope-refusal';
import { NamespaceScopes, Qualified } from './namespace-scopes';
import { INTUIT_NS, SOAP11_NS, SOAP12_NS } from './soap-namespaces';
import { SOAP_LIMITS, SoapLimits } from './soap-limits';
import { StreamedText } from './streamed-text';
import { NOT_XML_TEXT } from './xml-text';

/** What the reader reports, in document order. */
export type EnvelopeEvent =
  /** The body's operation element opened: from here on the caller knows what is being called. */
  | { readonly kind: 'method'; readonly name: string }
  /** A parameter closed; a streamed one reports '' here, its text went out as 'text' events. */
  | { readonly kind: 'param'; readonly name: string; readonly value: string }
  /** A piece of a streamed parameter's text, entities already decoded. */
  | { readonly kind: 'text'; readonly param: string; readonly text: string };

/** How much of a parameter may be held whole, or 'stream' to hand its text on piece by piece. */
export type ParameterPolicy = (method: string, param: string) => number | 'stream';

const SAX_TEXT_STATE = (sax as unknown as { STATE: Record<string, number> }).STATE.TEXT;

/**
 * A push reader for one SOAP 1.1 request on top of `sax`: write text as it arrives and every
 * limit is checked on the event that would pass it (depth, element and attribute counts,
 * attribute size, text per parameter), so hostile input is refused within the chunk that
 * carries it. Only the envelope's shape is checked here: Envelope > [Header] > Body > one
 * operation element in Intuit's namespace > parameters of plain text.
 */
export class SoapEnvelopeReader {
  private readonly parser: sax.SAXParser;
  private readonly path: string[] = [];
  private readonly namespaces = new NamespaceScopes();
  private elements = 0;
  private attributes = 0;
  private otherChars = 0;
  private method?: string;
  private bodySeen = false;
  private bodyClosed = false;
  private param?: { name: string; limit: number | 'stream'; value: string };
  private readonly seenParams = new Set<string>();
  private readonly streamed: StreamedText;
  /** In a streamed parameter's text, decoded here rather than by sax (see write). */
  private raw = false;

  constructor(
    private readonly emit: (event: EnvelopeEvent) => void,
    private readonly policy: ParameterPolicy,
    private readonly limits: SoapLimits = SOAP_LIMITS,
  ) {
    this.streamed = new StreamedText((param, text) => this.emit({ kind: 'text', param, text }));
    // Namespaces are resolved by NamespaceScopes, not by sax, so every limit is checked per attribute.
    this.parser = sax.parser(true, { strictEntities: true, position: true } as sax.SAXOptions);
    this.parser.onerror = (error) => {
      throw envelopeRefusal(
        `The request is not well-formed XML (line ${this.parser.line + 1}, column ${this.parser.column + 1}): ${error.message.split('\n')[0]}.`,
      );
    };
    this.parser.ondoctype = () => {
      throw envelopeRefusal('A DOCTYPE is not allowed in a SOAP request.');
    };
    this.parser.onopentagstart = () => this.countElement();
    this.parser.onattribute = (attribute) => this.countAttribute(attribute);
    this.parser.onopentag = (tag) => this.open(this.namespaces.qualify(tag as sax.Tag));
    this.parser.onclosetag = () => this.close();
    this.parser.ontext = (text) => this.text(text);
    this.parser.oncdata = (text) => this.text(text);
    this.parser.oncomment = (text) => this.other(text);
  }

  /**
   * Once sax stands in a streamed parameter's text, the text up to the next '<' is decoded here:
   * escaped qbXML is an entity every few characters, which sax walks one character at a time,
   * while a scan for '<' and one replace over the piece are many times cheaper. sax still reads
   * all the markup (its line numbers then undercount the text it did not see).
   */
  write(text: string): void {
    let rest = text;
    while (rest) {
      if (this.raw) {
        const lt = rest.indexOf('<');
        this.streamed.raw(this.param!.name, lt < 0 ? rest : rest.slice(0, lt));
        if (lt < 0) return;
        this.streamed.endRaw();
        this.raw = false;
        rest = rest.slice(lt);
      }
      this.parser.write(rest);
      rest = '';
      if (this.param?.limit === 'stream' && (this.parser as unknown as { state: number }).state === SAX_TEXT_STATE) {
        this.parser.flush(); // what sax holds of the text goes out first, so the pieces stay in order
        this.raw = true;
      }
    }
  }

  /** Ends the request; throws when it was empty, cut short, or had no operation. */
  end(): void {
    if (this.path.length > 0) throw envelopeRefusal('The SOAP envelope ends early (the request was cut short).');
    this.parser.close();
    if (!this.method) throw envelopeRefusal(this.bodySeen ? 'The SOAP body names no operation.' : 'The request has no SOAP envelope.');
  }

  private countElement(): void {
    if (++this.elements > this.limits.maxElements) throw envelopeRefusal(`The SOAP request has more than ${this.limits.maxElements} elements.`);
    if (this.path.length >= this.limits.maxDepth) throw envelopeRefusal(`The SOAP request nests deeper than ${this.limits.maxDepth} levels.`);
    if (this.param) throw envelopeRefusal(`The parameter ${this.param.name} must be text, not XML elements.`);
    this.attributes = 0;
    this.namespaces.startTag();
  }

  private countAttribute(attribute: { name: string; value: string }): void {
    if (++this.attributes > this.limits.maxAttributesPerElement)
      throw envelopeRefusal(`An element of the SOAP request has more than ${this.limits.maxAttributesPerElement} attributes.`);
    if (attribute.value.length > this.limits.maxAttributeChars)
      throw envelopeRefusal(`An attribute of the SOAP request is longer than ${this.limits.maxAttributeChars} characters.`);
    this.namespaces.attribute(attribute.name, attribute.value);
  }

  private open(tag: Qualified): void {
    const depth = this.path.length;
    this.path.push(tag.local);
    if (depth === 0) return this.openEnvelope(tag);
    if (depth === 1) return this.openEnvelopeChild(tag);
    const inBody = this.path[1] === 'Body';
    if (depth === 2 && !inBody) return this.openHeaderEntry(tag);
    if (depth === 2) return this.openOperation(tag);
    if (depth === 3 && inBody) return this.openParameter(tag);
  }

  private openEnvelope(tag: Qualified): void {
    if (tag.local === 'Envelope' && tag.uri === SOAP12_NS) {
      throw envelopeRefusal("This service speaks SOAP 1.1 (the QuickBooks Web Connector's protocol); send a SOAP 1.1 envelope.", 'VersionMismatch');
    }
    if (tag.local !== 'Envelope' || tag.uri !== SOAP11_NS)
      throw envelopeRefusal('The request is not a SOAP 1.1 envelope.', tag.local === 'Envelope' ? 'VersionMismatch' : undefined);
  }

  private openEnvelopeChild(tag: Qualified): void {
    const known = tag.uri === SOAP11_NS && (tag.local === 'Body' || (tag.local === 'Header' && !this.bodySeen));
    if (!known || this.bodyClosed) throw envelopeRefusal(`<${tag.name}> is not allowed there: a SOAP 1.1 envelope holds an optional Header, then one Body.`);
    if (tag.local === 'Body') this.bodySeen = true;
  }

  private openHeaderEntry(tag: Qualified): void {
    const mustUnderstand = tag.attributes.find((a) => a.local === 'mustUnderstand' && a.uri === SOAP11_NS);
    if (mustUnderstand && mustUnderstand.value.trim() === '1') {
      throw envelopeRefusal(`The header <${tag.name}> must be understood, and this service does not know it.`, 'MustUnderstand');
    }
  }

  private openOperation(tag: Qualified): void {
    if (this.method) throw envelopeRefusal('The SOAP body holds more than one operation; send one per request.');
    if (tag.uri !== INTUIT_NS) throw envelopeRefusal(`The operation <${tag.local}> must be in the namespace ${INTUIT_NS}.`);
    this.method = tag.local;
    this.emit({ kind: 'method', name: tag.local });
  }

  private openParameter(tag: Qualified): void {
    // Document/literal with qualified elements; some clients leave parameters unqualified.
    if (tag.uri !== INTUIT_NS && tag.uri !== '') throw envelopeRefusal(`The parameter <${tag.local}> must be in the namespace ${INTUIT_NS}.`);
    if (this.seenParams.has(tag.local)) throw envelopeRefusal(`The parameter ${tag.local} appears twice.`);
    this.seenParams.add(tag.local);
    this.param = { name: tag.local, limit: this.policy(this.method!, tag.local), value: '' };
  }

  private text(text: string): void {
    const param = this.param;
    if (!param) {
      const inHeader = this.path[1] === 'Header';
      if (!inHeader && text.trim() !== '') throw envelopeRefusal('The SOAP request has text outside its parameters.');
      return this.other(text);
    }
    if (param.limit === 'stream') return this.streamed.decoded(param.name, text);
    param.value += text;
    if (param.value.length > param.limit) throw envelopeRefusal(`The parameter ${param.name} is longer than ${param.limit} characters.`);
  }

  private other(text: string): void {
    this.otherChars += text.length;
    if (this.otherChars > this.limits.maxOtherChars) throw envelopeRefusal('The SOAP request has too much text outside its parameters.');
  }

  private close(): void {
    const closed = this.path.pop();
    this.namespaces.close();
    if (this.path.length === 1 && closed === 'Body') this.bodyClosed = true;
    const param = this.param;
    if (this.path.length !== 3 || !param) return;
    this.param = undefined;
    if (param.limit === 'stream') {
      this.streamed.end(param.name);
      return this.emit({ kind: 'param', name: param.name, value: '' });
    }
    if (NOT_XML_TEXT.test(param.value)) throw envelopeRefusal(`The parameter ${param.name} holds characters that XML does not allow.`);
    this.emit({ kind: 'param', name: param.name, value: param.value });
  }
}
