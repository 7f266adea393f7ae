import { Migration } from '@mikro-orm/migrations';

export class Migration20261121130455_keysetAndProcessingIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "coupon_merchant_id_created_at_id_index" on "coupon" ("merchant_id", "created_at", "id");`);

    this.addSql(`create index "price_merchant_id_created_at_id_index" on "price" ("merchant_id", "created_at", "id");`);

    this.addSql(`create index "tax_rate_merchant_id_created_at_id_index" on "tax_rate" ("merchant_id", "created_at", "id");`);

    this.addSql(`create index "payment_processing_created_at_index" on "payment" ("created_at") where "status" = 'processing';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "coupon_merchant_id_created_at_id_index";`);

    this.addSql(`drop index "payment_processing_created_at_index";`);

    this.addSql(`drop index "price_merchant_id_created_at_id_index";`);

    this.addSql(`drop index "tax_rate_merchant_id_created_at_id_index";`);
  }

}
