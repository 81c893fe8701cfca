import { AppError } from '../errors/app-error';
import { ItemDescriptor } from './item-descriptor';
import { ItemKind } from './item-kind';

/** The items known to this installation: the core ones plus what plugins registered. */
export class ItemCatalog {
  private readonly byKind: ReadonlyMap<ItemKind, ItemDescriptor>;

  constructor(descriptors: readonly ItemDescriptor[]) {
    const byKind = new Map<ItemKind, ItemDescriptor>();
    for (const d of descriptors) {
      if (byKind.has(d.kind)) throw new AppError('invalid', `The item "${d.kind}" is defined twice.`);
      byKind.set(d.kind, d);
    }
    this.byKind = byKind;
  }

  get kinds(): readonly ItemKind[] {
    return [...this.byKind.keys()];
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(kind: string): ItemDescriptor {
    const descriptor = this.byKind.get(kind);
    if (!descriptor) {
      throw new AppError('invalid', `"${kind}" is not a known item. Known items: ${this.kinds.join(', ')}.`);
    }
    return descriptor;
  }
}
