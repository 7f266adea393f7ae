import { Migration } from '@mikro-orm/migrations';

export class Migration20261121083847 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "merchant" ("id" bigserial primary key, "public_id" varchar(40) not null, "slug" varchar(63) not null, "name" varchar(200) not null, "support_email" varchar(320) null, "default_currency" varchar(3) not null default 'USD', "default_locale" varchar(35) not null default 'en', "timezone" varchar(64) not null default 'UTC', "invoice_number_prefix" varchar(20) not null default 'INV', "last_invoice_number" int not null default 0, "livemode" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "merchant" add constraint "merchant_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "merchant" add constraint "merchant_slug_unique" unique ("slug");`);
  }

}
