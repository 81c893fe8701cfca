import { envelopeRefusal } from './envelope-refusal';
import { MAX_ENTITY_CHARS, NOT_XML_TEXT, decodeEntities } from './xml-text';

/**
 * A streamed parameter's text handed on piece by piece, whole characters only: a surrogate pair
 * or an entity cut by the end of a chunk waits for the rest, and characters XML does not allow
 * are refused in the piece that carries them.
 */
export class StreamedText {
  private highSurrogate = '';
  /** An entity cut by the end of a chunk, waiting for the rest. */
  private carry = '';

  constructor(private readonly emit: (param: string, text: string) => void) {}

  /** Text that sax did not see, entities still escaped (see SoapEnvelopeReader.write). */
  raw(name: string, segment: string): void {
    let piece = this.carry + segment;
    this.carry = '';
    const amp = piece.lastIndexOf('&');
    if (amp >= 0 && piece.indexOf(';', amp) < 0) {
      this.carry = piece.slice(amp);
      piece = piece.slice(0, amp);
      if (this.carry.length > MAX_ENTITY_CHARS) throw envelopeRefusal('The request is not well-formed XML: an entity is not closed with ";".');
    }
    if (piece.includes('&')) piece = decodeEntities(piece);
    this.decoded(name, piece);
  }

  /** Markup follows the raw text: an entity still open there is never closed. */
  endRaw(): void {
    if (this.carry) throw envelopeRefusal('The request is not well-formed XML: an entity is not closed with ";".');
  }

  /** Text with its entities already decoded (by sax, or by `raw`). */
  decoded(name: string, text: string): void {
    // A surrogate pair may straddle two pieces: hold a trailing high surrogate for the next one.
    let piece = this.highSurrogate + text;
    this.highSurrogate = '';
    const last = piece.charCodeAt(piece.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    if (NOT_XML_TEXT.test(piece)) throw envelopeRefusal(`The parameter ${name} holds characters that XML does not allow.`);
    if (piece) this.emit(name, piece);
  }

  /** The parameter closed: half a surrogate pair left over is not a character. */
  end(name: string): void {
    if (this.highSurrogate) throw envelopeRefusal(`The parameter ${name} holds characters that XML does not allow.`);
  }
}
