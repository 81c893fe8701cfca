import { expect } from 'chai';
import { QboFault } from '../../../simulators/qbo/qbo-fault';
import { parseQuery } from '../../../simulators/qbo/query-parser';

describe('The QuickBooks Online simulator', () => {
  describe('parseQuery', () => {
    it('reads every clause, keywords in any case', () => {
      expect(
        parseQuery(
          "select * from Invoice where TxnDate >= '2026-01-01' and CustomerRef IN ('1', '2') and DocNumber like 'A%' orderby TxnDate desc, Id startposition 11 maxresults 10",
        ),
      ).to.deep.equal({
        entity: 'Invoice',
        select: '*',
        where: [
          { field: 'TxnDate', op: '>=', values: ['2026-01-01'] },
          { field: 'CustomerRef', op: 'IN', values: ['1', '2'] },
          { field: 'DocNumber', op: 'LIKE', values: ['A%'] },
        ],
        orderBy: [
          { field: 'TxnDate', descending: true },
          { field: 'Id', descending: false },
        ],
        startPosition: 11,
        maxResults: 10,
      });
    });

    it('reads COUNT(*), projections, booleans, unquoted numbers and escaped quotes', () => {
      expect(parseQuery('SELECT COUNT(*) FROM Customer WHERE Active = false').select).to.equal('count');
      expect(parseQuery('SELECT Id, DocNumber FROM Invoice').select).to.deep.equal(['Id', 'DocNumber']);
      expect(parseQuery("SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien' AND Balance > 0").where.map((c) => c.values[0])).to.deep.equal(["O'Brien", 0]);
    });

    it('refuses OR, two entities, an unterminated string and trailing words with 4000', () => {
      for (const bad of [
        "SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'",
        'SELECT * FROM A, B',
        "SELECT * FROM Invoice WHERE Id = '1",
        'SELECT * FROM Invoice GROUP BY Id',
      ]) {
        expect(() => parseQuery(bad), bad)
          .to.throw(QboFault)
          .with.property('code', '4000');
      }
    });
  });
});
