import type sax from 'sax';
import { envelopeRefusal } from './envelope-refusal';

/** An element with its namespace resolved. */
export interface Qualified {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly attributes: readonly { readonly local: string; readonly uri: string; readonly value: string }[];
}

function split(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

/**
 * The namespace bindings in scope as a document is read, resolved here rather than by sax: in
 * its xmlns mode sax holds every attribute of a tag until the tag ends (and checks each against
 * all before it), so a tag with a million attributes would be read whole before any limit
 * could be checked. Feed it each attribute as it comes, then the tag once it is open.
 */
export class NamespaceScopes {
  /** Namespace bindings in scope, innermost last: one map per open element that declares any. */
  private readonly scopes: (Map<string, string> | undefined)[] = [];
  private declared?: Map<string, string>;

  /** A new tag starts: nothing is declared on it yet. */
  startTag(): void {
    this.declared = undefined;
  }

  /** Notes an attribute of the tag being read, if it declares a namespace. */
  attribute(name: string, value: string): void {
    if (name === 'xmlns' || name.startsWith('xmlns:')) (this.declared ??= new Map()).set(name.slice(6), value);
  }

  /** Gives a tag and its attributes their namespaces, with this tag's own declarations in scope. */
  qualify(tag: sax.Tag): Qualified {
    this.scopes.push(this.declared);
    const { prefix, local } = split(tag.name);
    const uri = this.resolve(prefix);
    if (uri === undefined) throw envelopeRefusal(`The prefix ${prefix.slice(0, 32)} is not bound to a namespace.`);
    const attributes = Object.entries(tag.attributes).map(([name, value]) => {
      const a = split(name);
      // Unprefixed attributes belong to no namespace (Namespaces in XML §6.2).
      return { local: a.local, uri: a.prefix === '' || a.prefix === 'xmlns' ? '' : (this.resolve(a.prefix) ?? ''), value: String(value) };
    });
    return { name: tag.name, local, uri, attributes };
  }

  /** An element closed: its declarations go out of scope. */
  close(): void {
    this.scopes.pop();
  }

  /** The namespace a prefix stands for here ('' for the default namespace), or undefined if unbound. */
  private resolve(prefix: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const uri = this.scopes[i]?.get(prefix);
      if (uri !== undefined) return uri;
    }
    return prefix === '' ? '' : undefined;
  }
}
