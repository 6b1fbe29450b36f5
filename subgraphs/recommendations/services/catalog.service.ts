import type { DataSource } from 'typeorm';
import { CatalogItemRecord } from '../entities/catalog-item.entity.js';
import { CatalogIndex } from '../engine/catalog-index.js';
import type { CatalogItem } from '../engine/types.js';

/** The catalog and its in-memory index (catalog data is not personal, so caching it is fine). */
export class CatalogService {
  private index: CatalogIndex | null = null;

  constructor(
    private readonly db: DataSource,
    /** The ISO 4217 code every price is in (from configuration). */
    readonly currency: string,
    /** The shop's product page address, `{id}` for the item's id (from configuration); null: none. */
    private readonly productUrlTemplate: string | null = null,
  ) {}

  /** The item's page in the shop, when the shop has product pages to link to. */
  productUrl(itemId: string): string | null {
    return this.productUrlTemplate ? this.productUrlTemplate.replaceAll('{id}', encodeURIComponent(itemId)) : null;
  }

  async current(): Promise<CatalogIndex> {
    if (!this.index) {
      const rows = await this.db.getRepository(CatalogItemRecord).find();
      this.index = new CatalogIndex(rows);
    }
    return this.index;
  }

  async count(): Promise<number> {
    return this.db.getRepository(CatalogItemRecord).count();
  }

  /** Inserts or replaces items (seeding, imports) and refreshes the index. */
  async upsert(items: CatalogItem[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      for (let i = 0; i < items.length; i += 200) await manager.save(CatalogItemRecord, items.slice(i, i + 200));
    });
    this.index = null;
  }
}
