/**
 * One element of a record being read: its name, attributes, text and children in document
 * order. Only the record currently open is held, never the whole document.
 */
export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
}

export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The trimmed text of a child, or undefined when the child is absent or empty. */
export function textOf(node: XmlNode, name: string): string | undefined {
  const text = childOf(node, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}
