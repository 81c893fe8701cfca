const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/**
 * Writes a Ret the way QuickBooks does: one element per line, no indentation, optional
 * elements left out when empty. Top-level children are kept apart so that IncludeRetElement
 * can keep only the ones asked for.
 */
export class RetWriter {
  private readonly children: { name: string; lines: string[] }[] = [];

  constructor(readonly retName: string) {}

  /** A top-level child with a text value; nothing when the value is undefined. */
  el(name: string, value: string | number | boolean | undefined): this {
    if (value === undefined || value === '') return this;
    this.children.push({ name, lines: [`<${name}>${escapeXml(String(value))}</${name}>`] });
    return this;
  }

  /** A top-level aggregate child, written by `body` with nested lines. */
  agg(name: string, body: (w: NestedWriter) => void): this {
    const lines: string[] = [`<${name}>`];
    body(new NestedWriter(lines));
    lines.push(`</${name}>`);
    this.children.push({ name, lines });
    return this;
  }

  /** A reference `{ ListID, FullName }`, as every …Ref aggregate. */
  ref(name: string, ref: { listId?: string; fullName?: string } | undefined): this {
    if (!ref) return this;
    return this.agg(name, (w) => w.el('ListID', ref.listId).el('FullName', ref.fullName));
  }

  lines(include?: ReadonlySet<string>): string[] {
    const kept = this.children.filter((c) => !include || include.size === 0 || include.has(c.name));
    return [`<${this.retName}>`, ...kept.flatMap((c) => c.lines), `</${this.retName}>`];
  }
}

export class NestedWriter {
  constructor(private readonly out: string[]) {}

  el(name: string, value: string | number | boolean | undefined): this {
    if (value !== undefined && value !== '') this.out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
    return this;
  }

  agg(name: string, body: (w: NestedWriter) => void): this {
    this.out.push(`<${name}>`);
    body(this);
    this.out.push(`</${name}>`);
    return this;
  }

  ref(name: string, ref: { listId?: string; fullName?: string } | undefined): this {
    if (!ref) return this;
    return this.agg(name, (w) => w.el('ListID', ref.listId).el('FullName', ref.fullName));
  }
}

/** A response element: its status attributes, then its lines (QuickBooks' `<XxxRs …/>` when it has none). */
export function responseLines(
  rsName: string,
  status: { requestId?: string; code: number; severity: string; message: string; extra?: Record<string, string | number> },
  body: string[],
): string[] {
  const attributes = [
    status.requestId !== undefined ? `requestID="${escapeXml(status.requestId)}"` : undefined,
    `statusCode="${status.code}"`,
    `statusSeverity="${status.severity}"`,
    `statusMessage="${escapeXml(status.message)}"`,
    ...Object.entries(status.extra ?? {}).map(([k, v]) => `${k}="${escapeXml(String(v))}"`),
  ].filter(Boolean);
  if (body.length === 0) return [`<${rsName} ${attributes.join(' ')} />`];
  return [`<${rsName} ${attributes.join(' ')}>`, ...body, `</${rsName}>`];
}

/** The whole answer document, with QuickBooks' header (space before `?>`, no encoding). */
export function answerDocument(responses: string[]): string {
  return ['<?xml version="1.0" ?>', '<QBXML>', '<QBXMLMsgsRs>', ...responses, '</QBXMLMsgsRs>', '</QBXML>', ''].join('\n');
}
