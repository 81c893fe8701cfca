import { CompanyLedger } from './company-ledger';
import { SimAccount, SimCustomer } from './sim-records';
import { SimStatusError, badReference, notFound } from './sim-status-error';

/** The company's lists: the chart of accounts, the items an ItemRef may name, and customers. */
export class CompanyLists extends CompanyLedger {
  addAccount(input: {
    name: string;
    accountType: string;
    specialAccountType?: string;
    parentId?: string;
    isActive?: boolean;
    accountNumber?: string;
  }): SimAccount {
    const parent = input.parentId ? this.account(input.parentId) : undefined;
    const fullName = parent ? `${parent.fullName}:${input.name}` : input.name;
    if ([...this.accounts.values()].some((a) => a.fullName.toLowerCase() === fullName.toLowerCase())) {
      throw new SimStatusError(3100, `The name "${input.name}" of the list element is already in use.`);
    }
    const account: SimAccount = {
      listId: this.nextListId(),
      ...this.stamp(),
      name: input.name,
      fullName,
      parentId: parent?.listId,
      isActive: input.isActive ?? true,
      accountType: input.accountType,
      specialAccountType: input.specialAccountType,
      accountNumber: input.accountNumber,
    };
    this.accounts.set(account.listId, account);
    return account;
  }

  account(listId: string): SimAccount {
    const account = this.accounts.get(listId);
    if (!account) throw notFound(listId);
    return account;
  }

  findAccount(ref: { listId?: string; fullName?: string }, inTxn: string): SimAccount {
    const found = ref.listId
      ? this.accounts.get(ref.listId)
      : [...this.accounts.values()].find((a) => a.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Account', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  get undepositedFunds(): SimAccount {
    return [...this.accounts.values()].find((a) => a.specialAccountType === 'UndepositedFunds')!;
  }

  /** The Accounts Receivable account invoices post to (the first, if someone added more). */
  get accountsReceivable(): SimAccount {
    return [...this.accounts.values()].find((a) => a.accountType === 'AccountsReceivable')!;
  }

  isReceivablesAccount(listId: string): boolean {
    return this.accounts.get(listId)?.accountType === 'AccountsReceivable';
  }

  /**
   * An ItemRef's item. Items are names only here, so an ItemRef by ListID alone is an invalid
   * reference (3140) like an unknown name.
   */
  findItem(ref: { listId?: string; fullName?: string }, inTxn: string): string {
    const wanted = ref.fullName?.toLowerCase();
    const found = wanted === undefined ? undefined : [...this.items].find((n) => n.toLowerCase() === wanted);
    if (!found) throw badReference('Item', ref.fullName ?? ref.listId ?? '', inTxn);
    return found;
  }

  private nameInUse(fullName: string, except?: string): boolean {
    const lower = fullName.toLowerCase();
    return (
      [...this.customers.values()].some((c) => c.listId !== except && c.fullName.toLowerCase() === lower) ||
      [...this.otherNames].some((n) => n.toLowerCase() === lower)
    );
  }

  addCustomer(input: {
    name: string;
    parentId?: string;
    isActive?: boolean;
    companyName?: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    externalGuid?: string;
  }): SimCustomer {
    const parent = input.parentId ? this.customer(input.parentId) : undefined;
    const fullName = parent ? `${parent.fullName}:${input.name}` : input.name;
    if (this.nameInUse(fullName)) throw new SimStatusError(3100, `The name "${fullName}" of the list element is already in use.`);
    const { parentId: _parent, ...rest } = input;
    void _parent;
    const customer: SimCustomer = { listId: this.nextListId(), ...this.stamp(), ...rest, fullName, parentId: parent?.listId, isActive: input.isActive ?? true };
    this.customers.set(customer.listId, customer);
    return customer;
  }

  customer(listId: string): SimCustomer {
    const customer = this.customers.get(listId);
    if (!customer) throw notFound(listId);
    return customer;
  }

  findCustomer(ref: { listId?: string; fullName?: string }, inTxn: string): SimCustomer {
    const found = ref.listId
      ? this.customers.get(ref.listId)
      : [...this.customers.values()].find((c) => c.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Customer', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  /** CustomerMod's rules: the caller's EditSequence must be current (else 3200), the name free (else 3100). */
  modifyCustomer(
    listId: string,
    editSequence: string,
    changes: Partial<Pick<SimCustomer, 'name' | 'isActive' | 'companyName' | 'email' | 'phone' | 'firstName' | 'lastName'>>,
  ): SimCustomer {
    const customer = this.customer(listId);
    this.checkEditSequence(customer, editSequence);
    if (changes.name !== undefined && changes.name !== customer.name) {
      const parent = customer.parentId ? this.customer(customer.parentId) : undefined;
      const fullName = parent ? `${parent.fullName}:${changes.name}` : changes.name;
      if (this.nameInUse(fullName, listId)) throw new SimStatusError(3100, `The name "${fullName}" of the list element is already in use.`);
      customer.fullName = fullName;
    }
    Object.assign(customer, changes);
    this.touch(customer);
    return customer;
  }

  deleteCustomer(listId: string): void {
    this.revision++;
    const customer = this.customer(listId);
    const used =
      [...this.invoices.values(), ...this.payments.values(), ...this.creditMemos.values(), ...this.estimates.values()].some((t) => t.customerId === listId) ||
      [...this.journalEntries.values()].some((e) => e.lines.some((l) => l.entityId === listId));
    const hasJobs = [...this.customers.values()].some((c) => c.parentId === listId);
    if (used || hasJobs)
      throw new SimStatusError(
        3170,
        `There was an error when deleting Customer "${customer.fullName}". QuickBooks error message: This object cannot be deleted because it is used.`,
      );
    this.customers.delete(listId);
    this.deletedLists.push({ listDelType: 'Customer', listId, created: customer.created, deleted: this.clock.now(), fullName: customer.fullName });
  }
}
