/** Valid items as plain JSON, the way an adapter hands them over; tests change one field at a time. */
export const customerJson = () => ({ id: '80000001-1446673838', name: 'Acme', fullName: 'Acme', isActive: true, balance: '120.00' });

export const invoiceJson = () => ({
  id: '1F6-1241605561',
  customerId: '80000001-1446673838',
  number: 'INV-1001',
  txnDate: '2026-11-01',
  dueDate: '2026-12-01',
  lines: [
    { id: '1F8-1241605561', itemName: 'Consulting', quantity: '2', rate: '50.00', amount: '100.00' },
    { id: '1F9-1241605561', description: 'Travel', amount: '20.50' },
  ],
  subtotal: '120.50',
  salesTax: '9.64',
  total: '130.14',
  balance: '30.14',
  status: 'partially-paid',
});

export const paymentJson = () => ({
  id: 'pay_1',
  customerId: 'cus_1',
  receivedOn: '2026-11-20',
  amount: '100.00',
  status: 'succeeded',
  reference: 'ALT-pay_1',
  applications: [
    { invoiceId: 'inv_1', amount: '60.00' },
    { invoiceId: 'inv_2', amount: '40.00' },
  ],
});

export const depositJson = () => ({
  id: 'po_1',
  depositedOn: '2026-11-21',
  accountId: 'bank_1',
  total: '150.00',
  lines: [
    { paymentId: 'pay_1', amount: '100.00' },
    { paymentId: 'pay_2', amount: '50.00' },
  ],
});

export const accountJson = () => ({
  id: '80000005-1',
  name: 'Undeposited Funds',
  fullName: 'Undeposited Funds',
  kind: 'undeposited-funds',
  sourceType: 'OtherCurrentAsset',
  isActive: true,
});
