import { AppError } from '../../../../core/errors/app-error';
import { XmlNode, textOf } from '../reader/xml-node';

/** A Ret trimmed by IncludeRetElement to its id: all a presence scan asks for. */
export interface IdOnlyRecord {
  readonly type: 'IdOnly';
  readonly retName: string;
  readonly id: string;
}

function idReader(retName: string, idElement: 'ListID' | 'TxnID') {
  return (node: XmlNode): IdOnlyRecord => {
    const id = textOf(node, idElement);
    if (!id) throw new AppError('malformed', `${retName} has no ${idElement}.`);
    return { type: 'IdOnly', retName, id };
  };
}

/** Readers for id-only answers, in place of the full Ret readers that require every header field. */
export const ID_ONLY_READERS = {
  CustomerRet: idReader('CustomerRet', 'ListID'),
  InvoiceRet: idReader('InvoiceRet', 'TxnID'),
} as const;
