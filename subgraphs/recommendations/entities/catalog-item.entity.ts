import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A product in the retailer's catalog (not personal data). */
@Entity('catalog_items')
@Index(['category'])
export class CatalogItemRecord {
  @PrimaryColumn('varchar', { length: 64 })
  id: string;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('varchar', { length: 64 })
  category: string;

  @Column('varchar', { length: 64 })
  brand: string;

  @Column('simple-json')
  attributes: string[];

  @Column('double precision')
  price: number;

  /** Bought once, owned for years (a tent, not socks): not suggested again after purchase. */
  @Column('boolean')
  durable: boolean;

  /** Aggregate sales popularity, 0..1, from the retailer's own order totals. */
  @Column('double precision')
  popularity: number;
}
