/**
 * A synthetic InvoiceQueryRs shaped like QuickBooks' own answers (one element per line,
 * local-offset timestamps, 2-decimal amounts), produced invoice by invoice so that a document
 * of any size can be streamed without ever being held whole.
 */
export function* invoiceQueryChunks(invoices: number, linesPerInvoice = 5): Generator<string> {
  yield '<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<InvoiceQueryRs requestID="bench" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{bench}">\n';
  for (let i = 0; i < invoices; i++) {
    const lines: string[] = [];
    for (let l = 0; l < linesPerInvoice; l++) {
      lines.push(
        `<InvoiceLineRet>\n<TxnLineID>${(i * 10 + l).toString(16).toUpperCase()}-1761925200</TxnLineID>\n<ItemRef>\n<ListID>80000010-1761000000</ListID>\n<FullName>Consulting services</FullName>\n</ItemRef>\n<Desc>Consulting, line ${l} of invoice ${i} &amp; extras</Desc>\n<Quantity>2.5</Quantity>\n<Rate>40.00</Rate>\n<Amount>100.00</Amount>\n</InvoiceLineRet>\n`,
      );
    }
    const total = `${linesPerInvoice * 100}.00`;
    yield `<InvoiceRet>\n<TxnID>${(0x1f6 + i).toString(16).toUpperCase()}-1761925200</TxnID>\n<TimeCreated>2026-10-31T11:00:00-05:00</TimeCreated>\n<TimeModified>2026-11-20T09:15:02-05:00</TimeModified>\n<EditSequence>1763648102</EditSequence>\n<TxnNumber>${i + 1}</TxnNumber>\n<CustomerRef>\n<ListID>80000001-1761000000</ListID>\n<FullName>Customer ${i % 500}</FullName>\n</CustomerRef>\n<ARAccountRef>\n<ListID>80000002-1761000000</ListID>\n<FullName>Accounts Receivable</FullName>\n</ARAccountRef>\n<TxnDate>2026-10-31</TxnDate>\n<RefNumber>${10000 + i}</RefNumber>\n<IsPending>false</IsPending>\n<IsFinanceCharge>false</IsFinanceCharge>\n<DueDate>2026-11-30</DueDate>\n<ShipDate>2026-10-31</ShipDate>\n<Subtotal>${total}</Subtotal>\n<ItemSalesTaxRef>\n<ListID>80000004-1761000000</ListID>\n<FullName>State Tax</FullName>\n</ItemSalesTaxRef>\n<SalesTaxPercentage>0.00</SalesTaxPercentage>\n<SalesTaxTotal>0.00</SalesTaxTotal>\n<AppliedAmount>0.00</AppliedAmount>\n<BalanceRemaining>${total}</BalanceRemaining>\n<Memo>Invoice ${i} for services rendered in October</Memo>\n<IsPaid>false</IsPaid>\n<IsToBePrinted>false</IsToBePrinted>\n<IsToBeEmailed>true</IsToBeEmailed>\n<CustomerSalesTaxCodeRef>\n<ListID>80000005-1761000000</ListID>\n<FullName>Tax</FullName>\n</CustomerSalesTaxCodeRef>\n${lines.join('')}</InvoiceRet>\n`;
  }
  yield '</InvoiceQueryRs>\n</QBXMLMsgsRs>\n</QBXML>\n';
}

/** Splits a stream of pieces into chunks of about `size` characters, as a socket would deliver them. */
export function* rechunk(pieces: Iterable<string>, size = 64 * 1024): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    while (buffer.length >= size) {
      yield buffer.slice(0, size);
      buffer = buffer.slice(size);
    }
  }
  if (buffer) yield buffer;
}

/** How many invoices make a document of about `megabytes` MB. */
export function invoicesForMegabytes(megabytes: number, linesPerInvoice = 5): number {
  const sample = [...invoiceQueryChunks(100, linesPerInvoice)].join('');
  return Math.round((megabytes * 1024 * 1024 * 100) / Buffer.byteLength(sample));
}
