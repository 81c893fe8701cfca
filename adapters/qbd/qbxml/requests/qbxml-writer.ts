// Only the three characters XML needs in text, plus " in attributes. No &apos;: peers report
// QuickBooks' parser rejecting it (../shared/reference/qbwc-qbxml.md §5.3, UNVERIFIED), and a plain ' is valid XML.
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;' };

export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]);
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ATTR_ESCAPES[c]);
}

export type Attributes = Readonly<Record<string, string | undefined>>;

/**
 * Writes elements strictly in the order they are called: builders call it in the schema's
 * order, so a request can never come out with its children shuffled. Undefined values are
 * left out, as optional elements should be.
 */
export class QbxmlWriter {
  private readonly parts: string[] = [];

  open(name: string, attributes: Attributes = {}): this {
    let tag = `<${name}`;
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined) tag += ` ${key}="${escapeAttribute(value)}"`;
    }
    this.parts.push(`${tag}>`);
    return this;
  }

  close(name: string): this {
    this.parts.push(`</${name}>`);
    return this;
  }

  /** `<name>value</name>`, or nothing when the value is undefined. */
  el(name: string, value: string | number | boolean | undefined): this {
    if (value !== undefined) this.parts.push(`<${name}>${escapeText(String(value))}</${name}>`);
    return this;
  }

  /** The same element once per value, in the given order. */
  each(name: string, values: readonly string[] | undefined): this {
    for (const value of values ?? []) this.el(name, value);
    return this;
  }

  /** An aggregate written by `body` only when `when` holds. */
  group(name: string, when: boolean, body: (w: this) => void, attributes: Attributes = {}): this {
    if (!when) return this;
    this.open(name, attributes);
    body(this);
    return this.close(name);
  }

  toString(): string {
    return this.parts.join('');
  }
}
