import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readQbxml } from '../../../../../adapters/qbd/qbxml/reader/read-qbxml';
import { buildQbxmlDocument } from '../../../../../adapters/qbd/qbxml/requests/qbxml-document';
import { REQUEST_BUILDERS, RequestName } from '../../../../../adapters/qbd/qbxml/requests/request-builders';
import { packageRoot } from '../../../../../core/runtime/package-root';
import { schemaAvailability, schemaErrors } from '../../../../support/qbxml-schema';

const GOLDEN_DIR = join(packageRoot(), 'test', 'golden', 'qbxml');
// UPDATE_GOLDEN=1 rewrites request.xml and records.json from what the code does now; review the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface GoldenInput {
  readonly about: string;
  readonly onError: 'stopOnError' | 'continueOnError';
  readonly requests: readonly { readonly message: RequestName; readonly input: unknown }[];
}

function buildRequest(input: GoldenInput): string {
  const requests = input.requests.map((r) => (REQUEST_BUILDERS[r.message] as (i: unknown) => ReturnType<(typeof REQUEST_BUILDERS)[RequestName]>)(r.input));
  return `${buildQbxmlDocument({ version: '13.0', onError: input.onError, requests })}\n`;
}

async function readRecords(xml: string): Promise<unknown[]> {
  const events = [];
  for await (const event of readQbxml(xml)) events.push(event);
  return JSON.parse(JSON.stringify(events)); // drops undefined fields, as the file does
}

function readOrWrite(path: string, actual: string): string {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

const cases = readdirSync(GOLDEN_DIR)
  .filter((d) => existsSync(join(GOLDEN_DIR, d, 'input.json')))
  .sort();

describe('qbXML golden cases (test/golden/qbxml/<case>)', () => {
  it('has cases to run', () => expect(cases.length).to.be.greaterThan(5));

  for (const name of cases) {
    const dir = join(GOLDEN_DIR, name);
    const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as GoldenInput;

    describe(`${name}: ${input.about}`, () => {
      it('builds exactly the expected request', () => {
        const actual = buildRequest(input);
        expect(actual).to.equal(readOrWrite(join(dir, 'request.xml'), actual));
      });

      it("reads QuickBooks' answer into exactly the expected statuses and records", async () => {
        const actual = await readRecords(readFileSync(join(dir, 'response.xml'), 'utf8'));
        const expected = JSON.parse(readOrWrite(join(dir, 'records.json'), `${JSON.stringify(actual, null, 2)}\n`));
        expect(actual).to.deep.equal(expected);
      });
    });
  }

  describe("against Intuit's qbXML 13.0 schema", () => {
    it('every golden request and every golden answer is valid', async function () {
      const availability = schemaAvailability();
      if (!availability.available) {
        console.warn(`      (${availability.reason})`);
        return this.skip();
      }
      const documents = cases.flatMap((name) => [
        { name: `${name}/request.xml`, xml: readFileSync(join(GOLDEN_DIR, name, 'request.xml'), 'utf8') },
        { name: `${name}/response.xml`, xml: readFileSync(join(GOLDEN_DIR, name, 'response.xml'), 'utf8') },
      ]);
      const errors = await schemaErrors(documents);
      expect(Object.fromEntries(errors)).to.deep.equal({});
    });
  });
});
