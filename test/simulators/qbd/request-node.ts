import sax from 'sax';

/** One element of a request, as the simulated QuickBooks sees it. */
export interface RequestNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: RequestNode[];
  text: string;
}

export const child = (node: RequestNode, name: string) => node.children.find((c) => c.name === name);
export const children = (node: RequestNode, name: string) => node.children.filter((c) => c.name === name);
export const text = (node: RequestNode | undefined, name: string) => {
  const c = node && child(node, name);
  return c ? c.text.trim() : undefined;
};
export const texts = (node: RequestNode, name: string) => children(node, name).map((c) => c.text.trim());

/** A request document read into a tree (requests are small), with its `<?qbxml version?>`. */
export interface ParsedRequest {
  readonly version?: string;
  readonly root: RequestNode;
}

/** Parses a request; throws on anything QuickBooks' parser would refuse (the caller turns it into 0x80040400). */
export function parseRequest(xml: string): ParsedRequest {
  const parser = sax.parser(true, { strictEntities: true } as sax.SAXOptions);
  const stack: RequestNode[] = [];
  let root: RequestNode | undefined;
  let version: string | undefined;
  parser.onerror = (error) => {
    throw error;
  };
  parser.ondoctype = () => {
    throw new Error('DOCTYPE');
  };
  parser.onprocessinginstruction = (pi) => {
    if (pi.name === 'qbxml') version = /version="([^"]+)"/.exec(pi.body)?.[1];
  };
  parser.onopentag = (tag) => {
    const node: RequestNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length === 0) root = node;
    else stack[stack.length - 1].children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  };
  parser.write(xml).close();
  if (!root || root.name !== 'QBXML') throw new Error('root is not QBXML');
  return { version, root };
}
