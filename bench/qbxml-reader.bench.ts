import { printSummary } from './support/bench-service';
import { execFileSync } from 'node:child_process';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { parseStringPromise } from 'xml2js';
import { readQbxml } from '../adapters/qbd/qbxml/reader/read-qbxml';
import { generateCompany } from '../test/simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../test/simulators/qbd/quickbooks-simulator';
import { invoiceQueryChunks, invoicesForMegabytes, rechunk } from './invoice-query-document';

/** The QuickBooks simulator's answer to "every invoice, with lines and linked payments". */
async function simulatedInvoiceAnswer(invoices: number): Promise<string> {
  const company = generateCompany({ seed: 1, customers: 500, invoices, years: 3, now: new Date('2026-11-25T12:00:00Z'), linesPerInvoice: { min: 5, max: 5 } });
  return new QuickBooksSimulator(company).process(
    '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><InvoiceQueryRq requestID="bench"><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq></QBXMLMsgsRq></QBXML>',
  );
}

/**
 * `npm run bench:qbxml`: throughput of raw saxes (the parser our reader is built on), raw sax
 * (the one it was built on until ADR 0015), our typed reader and xml2js on the simulator's
 * InvoiceQueryRs for ~20,000 invoices x 5 lines, then memory growth of our reader on streamed
 * 10 MB and 100 MB documents. Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  // 20,000 invoices are generated; about 3% are deleted again by the generator's history.
  const chunks = [...rechunk([await simulatedInvoiceAnswer(20_000)])];
  const megabytes = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0) / 1024 / 1024;
  console.log(
    `document: the QuickBooks simulator's InvoiceQueryRs, ~20,000 invoices x 5 lines = ${megabytes.toFixed(1)} MB in ${chunks.length} chunks of 64 KiB`,
  );

  const rawSax = async () => {
    const parser = sax.parser(true, {});
    parser.onopentag = () => undefined;
    parser.onclosetag = () => undefined;
    parser.ontext = () => undefined;
    for (const chunk of chunks) parser.write(chunk);
    parser.close();
    return 0;
  };
  const rawSaxes = async () => {
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', () => undefined);
    parser.on('closetag', () => undefined);
    parser.on('text', () => undefined);
    for (const chunk of chunks) parser.write(chunk);
    parser.close();
    return 0;
  };
  const ours = async () => {
    let records = 0;
    for await (const event of readQbxml(chunks)) if (event.kind === 'record') records++;
    return records;
  };
  const dom = async () => {
    const tree = await parseStringPromise(chunks.join(''));
    return tree.QBXML.QBXMLMsgsRs[0].InvoiceQueryRs[0].InvoiceRet.length as number;
  };

  const timings: Record<string, number> = {};
  for (const [name, run] of [
    ['raw saxes (no-op handlers)', rawSaxes],
    ['raw sax (no-op handlers)', rawSax],
    ['our reader (typed records)', ours],
    ['xml2js (DOM)', dom],
  ] as const) {
    global.gc?.();
    const best = [];
    for (let round = 0; round < 3; round++) {
      const started = process.hrtime.bigint();
      const count = await run();
      best.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (round === 0 && count) console.log(`  ${name}: ${count} invoices read`);
    }
    timings[name] = Math.min(...best);
    console.log(`${name.padEnd(28)} ${timings[name].toFixed(2)} s  ${(megabytes / timings[name]).toFixed(1)} MB/s (best of 3)`);
  }
  const ratio = timings['our reader (typed records)'] / timings['raw saxes (no-op handlers)'];
  const speedup = timings['xml2js (DOM)'] / timings['our reader (typed records)'];
  const overSax = timings['raw sax (no-op handlers)'] / timings['our reader (typed records)'];
  console.log(`ours / raw saxes: ${ratio.toFixed(2)}x (target <= 1.5x)`);
  console.log(`xml2js / ours:  ${speedup.toFixed(2)}x faster (target >= 2.5x)`);
  console.log(`raw sax / ours: ${overSax.toFixed(2)}x faster (sax was the reader's parser before ADR 0015)`);

  // Memory is measured in a fresh process per size, so the document held above does not hide growth.
  for (const size of [10, 100]) {
    process.stdout.write(execFileSync(process.execPath, ['--expose-gc', __filename, 'memory', String(size)], { encoding: 'utf8' }));
  }
  printSummary({
    benchmark: `4. qbXML reader, ${megabytes.toFixed(0)} MB InvoiceQueryRs`,
    measured: `${(megabytes / timings['our reader (typed records)']).toFixed(1)} MB/s; x${ratio.toFixed(2)} raw saxes; x${speedup.toFixed(2)} faster than xml2js`,
    target: '<= 1.5x raw saxes (its parser); >= 2.5x faster than xml2js; < 64 MB streamed',
    met: ratio <= 1.5 && speedup >= 2.5,
    comparison: `x${overSax.toFixed(2)} faster than raw sax (no-op handlers), the reader's parser before saxes`,
  });
}

/** Streams a generated document of `size` MB through the reader, sampling memory as it goes. */
async function measureMemory(size: number): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let records = 0;
  for await (const event of readQbxml(rechunk(invoiceQueryChunks(invoicesForMegabytes(size))))) {
    if (event.kind === 'record' && ++records % 200 === 0) {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }
  }
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `streamed ${size} MB (${records} invoices): peak RSS growth ${mb(peakRss - before.rss)} MB, peak heap growth ${mb(peakHeap - before.heapUsed)} MB (target < 64 MB)`,
  );
}

if (process.argv[2] === 'memory') void measureMemory(Number(process.argv[3]));
else void main();
