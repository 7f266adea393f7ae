import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084901 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "merchant" ("id" bigserial primary key, "public_id" varchar(40) not null, "slug" varchar(63) not null, "name" varchar(200) not null, "support_email" varchar(320) null, "support_url" varchar(2048) null, "address" jsonb null, "tax_id" varchar(64) null, "default_currency" varchar(3) not null default 'USD', "default_locale" varchar(35) not null default 'en', "timezone" varchar(64) not null default 'UTC', "invoice_number_prefix" varchar(20) not null default 'INV', "last_invoice_number" int not null default 0, "last_credit_note_number" int not null default 0, "last_receipt_number" int not null default 0, "default_days_until_due" int not null default 30, "dunning_retry_days" jsonb not null default '[1, 3, 5]', "dunning_final_action" text check ("dunning_final_action" in ('cancel', 'mark_uncollectible', 'leave_past_due')) not null default 'cancel', "livemode" boolean not null default false, "gateway" text check ("gateway" in ('sandbox', 'stripe')) not null default 'sandbox', "gateway_config" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "merchant" add constraint "merchant_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "merchant" add constraint "merchant_slug_unique" unique ("slug");`);

    this.addSql(`create table "idempotency_record" ("id" bigserial primary key, "merchant_id" bigint not null, "scope" varchar(200) not null, "key" varchar(255) not null, "request_hash" varchar(64) not null, "status" text check ("status" in ('in_progress', 'completed')) not null default 'in_progress', "response_json" jsonb null, "error_code" varchar(100) null, "locked_until" timestamptz null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");`);
    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_merchant_id_scope_key_unique" unique ("merchant_id", "scope", "key");`);

    this.addSql(`create table "gateway_event" ("id" bigserial primary key, "merchant_id" bigint null, "gateway" text check ("gateway" in ('sandbox', 'stripe')) not null, "event_id" varchar(255) not null, "type" varchar(100) not null, "payload" jsonb not null, "received_at" timestamptz not null default now(), "processed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "gateway_event" add constraint "gateway_event_gateway_event_id_unique" unique ("gateway", "event_id");`);

    this.addSql(`create table "customer" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "external_id" varchar(255) null, "name" varchar(200) not null, "email" varchar(320) null, "phone" varchar(40) null, "address" jsonb null, "tax_id" varchar(64) null, "tax_exempt" text check ("tax_exempt" in ('none', 'exempt', 'reverse')) not null default 'none', "locale" varchar(35) null, "currency" varchar(3) not null, "credit_limit" bigint null, "balance" bigint not null default 0, "gateway_customer_id" varchar(255) null, "metadata" jsonb not null default '{}', "deleted_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "customer" add constraint "customer_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "customer_merchant_id_email_index" on "customer" ("merchant_id", "email");`);
    this.addSql(`create index "customer_merchant_id_created_at_id_index" on "customer" ("merchant_id", "created_at", "id");`);
    this.addSql(`alter table "customer" add constraint "customer_merchant_id_external_id_unique" unique ("merchant_id", "external_id");`);

    this.addSql(`create table "email_message" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint null, "customer_id" bigint null, "to" varchar(320) not null, "from" varchar(400) null, "reply_to" varchar(320) null, "subject" varchar(500) not null, "text" text not null, "html" text null, "template" varchar(100) null, "template_data" jsonb null, "status" text check ("status" in ('queued', 'sent', 'failed')) not null default 'queued', "attempts" int not null default 0, "error" text null, "message_id" varchar(255) null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "email_message" add constraint "email_message_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "email_message_merchant_id_created_at_id_index" on "email_message" ("merchant_id", "created_at", "id");`);
    this.addSql(`create index "email_message_to_created_at_index" on "email_message" ("to", "created_at");`);

    this.addSql(`create table "customer_user" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "email" varchar(320) not null, "name" varchar(200) null, "role" text check ("role" in ('admin', 'member')) not null default 'member', "permissions" text[] not null default '{}', "password_hash" varchar(255) null, "password_changed_at" timestamptz null, "totp_secret" text null, "totp_last_used_step" bigint null, "mfa_enabled_at" timestamptz null, "email_verified_at" timestamptz null, "locale" varchar(35) null, "failed_login_count" int not null default 0, "locked_until" timestamptz null, "last_login_at" timestamptz null, "invited_at" timestamptz null, "invited_by_id" bigint null, "disabled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "customer_user" add constraint "customer_user_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "customer_user_merchant_id_email_index" on "customer_user" ("merchant_id", "email");`);
    this.addSql(`alter table "customer_user" add constraint "customer_user_customer_id_email_unique" unique ("customer_id", "email");`);

    this.addSql(`create table "coupon" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "code" varchar(100) not null, "name" varchar(200) not null, "percent_off_bps" int null, "amount_off" bigint null, "amount_off_currency" varchar(3) null, "duration" text check ("duration" in ('once', 'repeating', 'forever')) not null, "duration_in_months" int null, "max_redemptions" int null, "times_redeemed" int not null default 0, "redeem_by" timestamptz null, "active" boolean not null default true, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint coupon_percent_or_amount check (num_nonnulls(percent_off_bps, amount_off) = 1), constraint coupon_amount_has_currency check ((amount_off is null) = (amount_off_currency is null)));`);
    this.addSql(`alter table "coupon" add constraint "coupon_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "coupon" add constraint "coupon_merchant_id_code_unique" unique ("merchant_id", "code");`);

    this.addSql(`create table "audit_event" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint null, "customer_id" bigint null, "actor_type" text check ("actor_type" in ('merchant_user', 'customer_user', 'api_key', 'system', 'anonymous')) not null, "actor_id" varchar(64) null, "action" varchar(100) not null, "target_type" varchar(50) null, "target_id" varchar(64) null, "ip" varchar(64) null, "user_agent" varchar(512) null, "request_id" varchar(64) null, "data" jsonb not null default '{}', "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "audit_event_merchant_id_created_at_id_index" on "audit_event" ("merchant_id", "created_at", "id");`);
    this.addSql(`create index "audit_event_customer_id_created_at_id_index" on "audit_event" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "audit_event_merchant_id_target_type_target_id_index" on "audit_event" ("merchant_id", "target_type", "target_id");`);

    this.addSql(`create table "merchant_user" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "email" varchar(320) not null, "name" varchar(200) not null, "role" text check ("role" in ('owner', 'admin', 'support')) not null, "password_hash" varchar(255) null, "password_changed_at" timestamptz null, "totp_secret" text null, "totp_last_used_step" bigint null, "mfa_enabled_at" timestamptz null, "email_verified_at" timestamptz null, "failed_login_count" int not null default 0, "locked_until" timestamptz null, "last_login_at" timestamptz null, "invited_at" timestamptz null, "invited_by_id" bigint null, "disabled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "merchant_user" add constraint "merchant_user_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "merchant_user_email_index" on "merchant_user" ("email");`);
    this.addSql(`alter table "merchant_user" add constraint "merchant_user_merchant_id_email_unique" unique ("merchant_id", "email");`);

    this.addSql(`create table "api_key" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "name" varchar(200) not null, "prefix" varchar(32) not null, "secret_hash" varchar(255) not null, "mode" text check ("mode" in ('test', 'live')) not null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_by_id" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "api_key" add constraint "api_key_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_key_merchant_id_created_at_index" on "api_key" ("merchant_id", "created_at");`);

    this.addSql(`create table "customer_token" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "token_hash" varchar(255) not null, "prefix" varchar(32) not null, "scopes" text[] not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "created_by_api_key_id" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "customer_token" add constraint "customer_token_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "customer_token" add constraint "customer_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "customer_token_customer_id_created_at_id_index" on "customer_token" ("customer_id", "created_at", "id");`);

    this.addSql(`create table "meter" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "event_name" varchar(100) not null, "display_name" varchar(200) not null, "aggregation" text check ("aggregation" in ('sum', 'count', 'max', 'unique_count')) not null, "value_property" varchar(100) null, "unit_label" varchar(40) null, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "meter" add constraint "meter_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "meter" add constraint "meter_merchant_id_event_name_unique" unique ("merchant_id", "event_name");`);

    this.addSql(`create table "notification_preference" ("id" bigserial primary key, "merchant_id" bigint not null, "customer_id" bigint not null, "customer_user_id" bigint null, "channel" text check ("channel" in ('email')) not null default 'email', "category" text check ("category" in ('invoices', 'receipts', 'payment_failures', 'usage_alerts', 'statements', 'product_updates')) not null, "enabled" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create unique index "notification_preference_unique" on "notification_preference" ("customer_id", "customer_user_id", "category", "channel") nulls not distinct;`);

    this.addSql(`create table "one_time_token" ("id" bigserial primary key, "purpose" text check ("purpose" in ('login_code', 'magic_link', 'password_reset', 'email_verification', 'email_change', 'invitation', 'mfa_challenge')) not null, "subject_type" text check ("subject_type" in ('merchant_user', 'customer_user')) not null, "merchant_id" bigint null, "merchant_user_id" bigint null, "customer_user_id" bigint null, "customer_id" bigint null, "email" varchar(320) not null, "token_hash" varchar(255) not null, "attempts" int not null default 0, "data" jsonb null, "ip" varchar(64) null, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "one_time_token_token_hash_index" on "one_time_token" ("token_hash");`);
    this.addSql(`create index "one_time_token_email_purpose_index" on "one_time_token" ("email", "purpose");`);

    this.addSql(`create table "payment_method" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "gateway" text check ("gateway" in ('sandbox', 'stripe')) not null, "gateway_token" varchar(255) not null, "type" text check ("type" in ('card', 'sepa_debit', 'us_bank_account')) not null, "brand" varchar(50) null, "last4" varchar(4) null, "exp_month" smallint null, "exp_year" smallint null, "holder_name" varchar(200) null, "country" varchar(2) null, "fingerprint" varchar(100) null, "is_default" boolean not null default false, "detached_at" timestamptz null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "payment_method_customer_id_created_at_id_index" on "payment_method" ("customer_id", "created_at", "id");`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_merchant_id_gateway_gateway_token_unique" unique ("merchant_id", "gateway", "gateway_token");`);
    this.addSql(`create unique index "payment_method_one_default_per_customer" on "payment_method" ("customer_id") where "is_default" and "detached_at" is null;`);

    this.addSql(`create table "portal_configuration" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "name" varchar(200) not null, "is_default" boolean not null default false, "active" boolean not null default true, "features" jsonb not null, "branding" jsonb not null default '{}', "default_return_url" varchar(2048) null, "default_locale" varchar(35) null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "portal_configuration" add constraint "portal_configuration_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "portal_configuration_merchant_id_index" on "portal_configuration" ("merchant_id");`);
    this.addSql(`create unique index "portal_configuration_one_default_per_merchant" on "portal_configuration" ("merchant_id") where "is_default";`);

    this.addSql(`create table "portal_session" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "configuration_id" bigint null, "secret_hash" varchar(255) not null, "flow" jsonb null, "return_url" varchar(2048) null, "locale" varchar(35) null, "expires_at" timestamptz not null, "redeemed_at" timestamptz null, "revoked_at" timestamptz null, "created_by_api_key_id" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "portal_session" add constraint "portal_session_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "portal_session" add constraint "portal_session_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "portal_session_customer_id_created_at_id_index" on "portal_session" ("customer_id", "created_at", "id");`);

    this.addSql(`create table "auth_session" ("id" text not null, "public_id" varchar(40) not null, "secret_hash" bytea not null, "subject_type" text check ("subject_type" in ('merchant_user', 'customer_user', 'portal_link')) not null, "merchant_id" bigint not null, "merchant_user_id" bigint null, "customer_user_id" bigint null, "customer_id" bigint null, "mfa_verified" boolean not null default false, "portal_session_id" bigint null, "ip" varchar(64) null, "user_agent" varchar(512) null, "created_at" timestamptz not null default now(), "last_active_at" timestamptz not null, "idle_expires_at" timestamptz not null, "absolute_expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "auth_session_merchant_user_id_index" on "auth_session" ("merchant_user_id");`);
    this.addSql(`create index "auth_session_customer_user_id_index" on "auth_session" ("customer_user_id");`);
    this.addSql(`create index "auth_session_absolute_expires_at_index" on "auth_session" ("absolute_expires_at");`);

    this.addSql(`create table "product" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "name" varchar(200) not null, "description" text null, "unit_label" varchar(40) null, "active" boolean not null default true, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "product" add constraint "product_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "product_merchant_id_created_at_id_index" on "product" ("merchant_id", "created_at", "id");`);

    this.addSql(`create table "price" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "product_id" bigint not null, "currency" varchar(3) not null, "type" text check ("type" in ('flat', 'per_seat', 'metered')) not null, "unit_amount" bigint null, "unit_amount_decimal" numeric(30,12) null, "interval" text check ("interval" in ('day', 'week', 'month', 'year')) not null, "interval_count" int not null default 1, "tiers_mode" text check ("tiers_mode" in ('graduated', 'volume')) null, "tiers" jsonb null, "meter_id" bigint null, "trial_days" int null, "active" boolean not null default true, "nickname" varchar(200) null, "lookup_key" varchar(200) null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "price" add constraint "price_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "price_product_id_index" on "price" ("product_id");`);
    this.addSql(`alter table "price" add constraint "price_merchant_id_lookup_key_unique" unique ("merchant_id", "lookup_key");`);

    this.addSql(`create table "rate_limit_bucket" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_bucket_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limit_bucket_expire_index" on "rate_limit_bucket" ("expire");`);

    this.addSql(`create table "recovery_code" ("id" bigserial primary key, "merchant_user_id" bigint null, "customer_user_id" bigint null, "code_hash" varchar(255) not null, "used_at" timestamptz null, "created_at" timestamptz not null default now(), constraint recovery_code_one_owner check (num_nonnulls(merchant_user_id, customer_user_id) = 1));`);
    this.addSql(`create index "recovery_code_merchant_user_id_index" on "recovery_code" ("merchant_user_id");`);
    this.addSql(`create index "recovery_code_customer_user_id_index" on "recovery_code" ("customer_user_id");`);

    this.addSql(`create table "retention_offer" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "name" varchar(200) not null, "active" boolean not null default true, "coupon_id" bigint not null, "applies_to_prices" jsonb null, "applies_to_reasons" jsonb null, "headline" varchar(200) not null, "body" text null, "max_redemptions_per_customer" int null default 1, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "retention_offer" add constraint "retention_offer_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "retention_offer_merchant_id_index" on "retention_offer" ("merchant_id");`);

    this.addSql(`create table "stored_file" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint null, "purpose" text check ("purpose" in ('invoice_pdf', 'credit_note_pdf', 'receipt', 'statement', 'document', 'attachment', 'branding')) not null, "filename" varchar(255) not null, "content_type" varchar(255) not null, "byte_size" int not null, "sha256" varchar(64) not null, "data" bytea not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "stored_file_customer_id_index" on "stored_file" ("customer_id");`);

    this.addSql(`create table "statement" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "format" text check ("format" in ('pdf', 'csv', 'xlsx')) not null, "status" text check ("status" in ('queued', 'generating', 'ready', 'failed')) not null default 'queued', "currency" varchar(3) not null, "opening_balance" bigint null, "closing_balance" bigint null, "summary" jsonb null, "locale" varchar(35) null, "file_id" bigint null, "requested_by_id" bigint null, "error" text null, "ready_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "statement" add constraint "statement_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "statement_customer_id_created_at_id_index" on "statement" ("customer_id", "created_at", "id");`);

    this.addSql(`create table "support_ticket" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "opened_by_id" bigint null, "assigned_to_id" bigint null, "subject" varchar(300) not null, "status" text check ("status" in ('open', 'pending', 'resolved', 'closed')) not null default 'open', "priority" text check ("priority" in ('low', 'normal', 'high', 'urgent')) not null default 'normal', "last_message_at" timestamptz null, "closed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "support_ticket" add constraint "support_ticket_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "support_ticket_customer_id_created_at_id_index" on "support_ticket" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "support_ticket_merchant_id_status_last_message_at_index" on "support_ticket" ("merchant_id", "status", "last_message_at");`);

    this.addSql(`create table "support_message" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "ticket_id" bigint not null, "author_type" text check ("author_type" in ('customer', 'merchant', 'system')) not null, "customer_user_id" bigint null, "merchant_user_id" bigint null, "body" text not null, "attachments" jsonb not null default '[]', "internal" boolean not null default false, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "support_message" add constraint "support_message_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "support_message_ticket_id_created_at_index" on "support_message" ("ticket_id", "created_at");`);

    this.addSql(`create table "tax_rate" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "display_name" varchar(100) not null, "description" varchar(255) null, "rate_ppm" int not null, "inclusive" boolean not null default false, "country" varchar(2) null, "state" varchar(100) null, "active" boolean not null default true, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "tax_rate" add constraint "tax_rate_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "tax_rate_merchant_id_country_index" on "tax_rate" ("merchant_id", "country");`);

    this.addSql(`create table "test_clock" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint null, "name" varchar(200) not null, "frozen_time" timestamptz not null, "status" text check ("status" in ('ready', 'advancing')) not null default 'ready', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "test_clock" add constraint "test_clock_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "test_clock_merchant_id_index" on "test_clock" ("merchant_id");`);
    this.addSql(`create index "test_clock_customer_id_index" on "test_clock" ("customer_id");`);

    this.addSql(`create table "subscription" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "status" text check ("status" in ('trialing', 'active', 'past_due', 'paused', 'canceled', 'incomplete')) not null default 'incomplete', "currency" varchar(3) not null, "started_at" timestamptz not null, "current_period_start" timestamptz not null, "current_period_end" timestamptz not null, "billing_cycle_anchor" timestamptz not null, "trial_start" timestamptz null, "trial_end" timestamptz null, "cancel_at_period_end" boolean not null default false, "cancel_at" timestamptz null, "canceled_at" timestamptz null, "ended_at" timestamptz null, "cancellation_reason" text check ("cancellation_reason" in ('cancellation_requested', 'payment_failed', 'payment_disputed')) null, "paused_at" timestamptz null, "resume_at" timestamptz null, "pause_behavior" text check ("pause_behavior" in ('keep_as_draft', 'mark_uncollectible', 'void')) null, "default_payment_method_id" bigint null, "collection_method" text check ("collection_method" in ('charge_automatically', 'send_invoice')) not null default 'charge_automatically', "days_until_due" int null, "proration_behavior" text check ("proration_behavior" in ('create_prorations', 'always_invoice', 'none')) not null default 'create_prorations', "scheduled_change" jsonb null, "latest_invoice_id" bigint null, "test_clock_id" bigint null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "subscription" add constraint "subscription_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "subscription_customer_id_created_at_id_index" on "subscription" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "subscription_merchant_id_status_index" on "subscription" ("merchant_id", "status");`);
    this.addSql(`create index "subscription_status_current_period_end_index" on "subscription" ("status", "current_period_end");`);
    this.addSql(`create index "subscription_test_clock_id_index" on "subscription" ("test_clock_id");`);

    this.addSql(`create table "subscription_item" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "subscription_id" bigint not null, "price_id" bigint not null, "quantity" int not null default 1, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "subscription_item" add constraint "subscription_item_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "subscription_item" add constraint "subscription_item_subscription_id_price_id_unique" unique ("subscription_id", "price_id");`);

    this.addSql(`create table "discount" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "coupon_id" bigint not null, "subscription_id" bigint null, "invoice_id" bigint null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "removed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "discount" add constraint "discount_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "discount_customer_id_index" on "discount" ("customer_id");`);
    this.addSql(`create index "discount_subscription_id_index" on "discount" ("subscription_id");`);

    this.addSql(`create table "retention_offer_redemption" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "offer_id" bigint not null, "subscription_id" bigint not null, "discount_id" bigint null, "redeemed_at" timestamptz not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "retention_offer_redemption_customer_id_offer_id_index" on "retention_offer_redemption" ("customer_id", "offer_id");`);

    this.addSql(`create table "invoice" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "subscription_id" bigint null, "number" varchar(64) null, "status" text check ("status" in ('draft', 'open', 'paid', 'void', 'uncollectible')) not null default 'draft', "billing_reason" text check ("billing_reason" in ('subscription_create', 'subscription_cycle', 'subscription_update', 'manual')) not null default 'manual', "collection_method" text check ("collection_method" in ('charge_automatically', 'send_invoice')) not null default 'charge_automatically', "currency" varchar(3) not null, "subtotal" bigint not null default 0, "discount_total" bigint not null default 0, "tax_total" bigint not null default 0, "total" bigint not null default 0, "starting_balance" bigint not null default 0, "ending_balance" bigint null, "wallet_credit_applied" bigint not null default 0, "amount_due" bigint not null default 0, "amount_paid" bigint not null default 0, "amount_remaining" bigint not null default 0, "amount_credited" bigint not null default 0, "discount_id" bigint null, "period_start" timestamptz null, "period_end" timestamptz null, "issued_at" timestamptz null, "due_at" timestamptz null, "paid_at" timestamptz null, "voided_at" timestamptz null, "marked_uncollectible_at" timestamptz null, "auto_advance" boolean not null default true, "attempt_count" int not null default 0, "next_payment_attempt_at" timestamptz null, "latest_payment_id" bigint null, "pdf_file_id" bigint null, "memo" text null, "footer" text null, "customer_name" varchar(200) null, "customer_email" varchar(320) null, "customer_address" jsonb null, "customer_tax_id" varchar(64) null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "invoice" add constraint "invoice_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "invoice_customer_id_created_at_id_index" on "invoice" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "invoice_customer_id_status_due_at_index" on "invoice" ("customer_id", "status", "due_at");`);
    this.addSql(`create index "invoice_merchant_id_status_created_at_index" on "invoice" ("merchant_id", "status", "created_at");`);
    this.addSql(`create index "invoice_merchant_id_created_at_id_index" on "invoice" ("merchant_id", "created_at", "id");`);
    this.addSql(`create index "invoice_subscription_id_index" on "invoice" ("subscription_id");`);
    this.addSql(`create index "invoice_next_payment_attempt_at_index" on "invoice" ("next_payment_attempt_at") where "next_payment_attempt_at" is not null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_merchant_id_number_unique" unique ("merchant_id", "number");`);

    this.addSql(`create table "payment" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "purpose" text check ("purpose" in ('invoice', 'wallet_top_up')) not null default 'invoice', "invoice_id" bigint null, "payment_method_id" bigint null, "amount" bigint not null, "currency" varchar(3) not null, "amount_refunded" bigint not null default 0, "status" text check ("status" in ('processing', 'succeeded', 'failed', 'refunded', 'partially_refunded', 'canceled')) not null default 'processing', "failure_code" varchar(100) null, "failure_message" varchar(500) null, "next_action" jsonb null, "idempotency_key" varchar(255) not null, "request_hash" varchar(64) not null, "gateway" text check ("gateway" in ('sandbox', 'stripe')) not null, "gateway_reference" varchar(255) null, "receipt_number" varchar(64) null, "description" varchar(500) null, "succeeded_at" timestamptz null, "failed_at" timestamptz null, "canceled_at" timestamptz null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint payment_amounts check (amount > 0 and amount_refunded >= 0 and amount_refunded <= amount));`);
    this.addSql(`alter table "payment" add constraint "payment_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "payment_customer_id_created_at_id_index" on "payment" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "payment_merchant_id_created_at_id_index" on "payment" ("merchant_id", "created_at", "id");`);
    this.addSql(`create index "payment_invoice_id_index" on "payment" ("invoice_id");`);
    this.addSql(`create index "payment_gateway_gateway_reference_index" on "payment" ("gateway", "gateway_reference");`);
    this.addSql(`alter table "payment" add constraint "payment_merchant_id_idempotency_key_unique" unique ("merchant_id", "idempotency_key");`);
    this.addSql(`alter table "payment" add constraint "payment_merchant_id_receipt_number_unique" unique ("merchant_id", "receipt_number");`);

    this.addSql(`create table "invoice_line" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "invoice_id" bigint not null, "type" text check ("type" in ('subscription', 'proration', 'usage', 'one_off')) not null, "subscription_id" bigint null, "subscription_item_id" bigint null, "price_id" bigint null, "description" varchar(500) not null, "quantity" numeric(24,6) not null default 1, "unit_amount" bigint null, "unit_amount_decimal" numeric(30,12) null, "amount" bigint not null, "discount_amount" bigint not null default 0, "tax_amount" bigint not null default 0, "tax_rate_id" bigint null, "period_start" timestamptz null, "period_end" timestamptz null, "proration" boolean not null default false, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "invoice_line_invoice_id_index" on "invoice_line" ("invoice_id");`);

    this.addSql(`create table "document" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "kind" text check ("kind" in ('contract', 'receipt', 'tax_form', 'invoice_pdf', 'other')) not null, "title" varchar(255) not null, "description" text null, "file_id" bigint not null, "invoice_id" bigint null, "payment_id" bigint null, "visible_to_customer" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "document" add constraint "document_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "document_customer_id_created_at_id_index" on "document" ("customer_id", "created_at", "id");`);

    this.addSql(`create table "credit_note" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "invoice_id" bigint not null, "number" varchar(64) not null, "status" text check ("status" in ('issued', 'void')) not null default 'issued', "reason" text check ("reason" in ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'downgrade')) null, "currency" varchar(3) not null, "subtotal" bigint not null, "tax_amount" bigint not null default 0, "amount" bigint not null, "refund_amount" bigint not null default 0, "credit_amount" bigint not null default 0, "out_of_band_amount" bigint not null default 0, "memo" text null, "issued_at" timestamptz not null, "voided_at" timestamptz null, "pdf_file_id" bigint null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "credit_note_invoice_id_index" on "credit_note" ("invoice_id");`);
    this.addSql(`create index "credit_note_customer_id_created_at_id_index" on "credit_note" ("customer_id", "created_at", "id");`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_merchant_id_number_unique" unique ("merchant_id", "number");`);

    this.addSql(`create table "refund" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "payment_id" bigint not null, "amount" bigint not null, "currency" varchar(3) not null, "reason" text check ("reason" in ('duplicate', 'fraudulent', 'requested_by_customer', 'other')) null, "status" text check ("status" in ('pending', 'succeeded', 'failed', 'canceled')) not null default 'pending', "gateway_reference" varchar(255) null, "failure_message" varchar(500) null, "credit_note_id" bigint null, "idempotency_key" varchar(255) null, "succeeded_at" timestamptz null, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint refund_amount_positive check (amount > 0));`);
    this.addSql(`alter table "refund" add constraint "refund_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "refund_payment_id_index" on "refund" ("payment_id");`);
    this.addSql(`create index "refund_customer_id_created_at_id_index" on "refund" ("customer_id", "created_at", "id");`);
    this.addSql(`alter table "refund" add constraint "refund_merchant_id_idempotency_key_unique" unique ("merchant_id", "idempotency_key");`);

    this.addSql(`create table "credit_note_line" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "credit_note_id" bigint not null, "invoice_line_id" bigint null, "description" varchar(500) not null, "quantity" numeric(24,6) not null default 1, "unit_amount" bigint null, "amount" bigint not null, "tax_amount" bigint not null default 0, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "credit_note_line" add constraint "credit_note_line_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "credit_note_line_credit_note_id_index" on "credit_note_line" ("credit_note_id");`);

    this.addSql(`create table "cancellation_feedback" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "subscription_id" bigint not null, "customer_user_id" bigint null, "reason" text check ("reason" in ('too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'too_complex', 'low_quality', 'other')) not null, "comment" text null, "offer_shown_id" bigint null, "offer_accepted" boolean not null default false, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "cancellation_feedback_merchant_id_created_at_index" on "cancellation_feedback" ("merchant_id", "created_at");`);
    this.addSql(`create index "cancellation_feedback_subscription_id_index" on "cancellation_feedback" ("subscription_id");`);

    this.addSql(`create table "job" ("id" bigserial primary key, "public_id" varchar(40) not null, "name" varchar(100) not null, "payload" jsonb not null default '{}', "status" text check ("status" in ('queued', 'running', 'completed', 'failed')) not null default 'queued', "priority" int not null default 0, "run_at" timestamptz not null default now(), "attempts" int not null default 0, "max_attempts" int not null default 5, "locked_at" timestamptz null, "locked_by" varchar(200) null, "last_error" text null, "singleton_key" varchar(255) null, "merchant_id" bigint null, "test_clock_id" bigint null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "job" add constraint "job_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "job" add constraint "job_singleton_key_unique" unique ("singleton_key");`);
    this.addSql(`create index "job_queued_run_at_index" on "job" ("run_at") where "status" = 'queued';`);
    this.addSql(`create index "job_status_locked_at_index" on "job" ("status", "locked_at");`);
    this.addSql(`create index "job_test_clock_id_status_run_at_index" on "job" ("test_clock_id", "status", "run_at");`);

    this.addSql(`create table "usage_aggregate" ("id" bigserial primary key, "merchant_id" bigint not null, "customer_id" bigint not null, "meter_id" bigint not null, "subscription_id" bigint null, "granularity" text check ("granularity" in ('day', 'period')) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "value" numeric(24,6) not null default 0, "event_count" bigint not null default 0, "unique_values" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "usage_aggregate_subscription_id_index" on "usage_aggregate" ("subscription_id");`);
    this.addSql(`alter table "usage_aggregate" add constraint "usage_aggregate_bucket_unique" unique ("customer_id", "meter_id", "granularity", "period_start");`);

    this.addSql(`create table "usage_event" ("id" bigserial primary key, "merchant_id" bigint not null, "customer_id" bigint not null, "meter_id" bigint null, "event_name" varchar(100) not null, "idempotency_key" varchar(255) not null, "value" numeric(24,6) not null default 1, "properties" jsonb null, "occurred_at" timestamptz not null, "ingested_at" timestamptz not null default now());`);
    this.addSql(`create index "usage_event_customer_id_meter_id_occurred_at_index" on "usage_event" ("customer_id", "meter_id", "occurred_at");`);
    this.addSql(`create index "usage_event_customer_id_occurred_at_id_index" on "usage_event" ("customer_id", "occurred_at", "id");`);
    this.addSql(`alter table "usage_event" add constraint "usage_event_merchant_id_idempotency_key_unique" unique ("merchant_id", "idempotency_key");`);

    this.addSql(`create table "wallet" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "name" varchar(100) not null default 'Credits', "currency" varchar(3) not null, "balance" bigint not null default 0, "status" text check ("status" in ('active', 'closed')) not null default 'active', "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint wallet_balance_non_negative check (balance >= 0));`);
    this.addSql(`alter table "wallet" add constraint "wallet_public_id_unique" unique ("public_id");`);
    this.addSql(`alter table "wallet" add constraint "wallet_customer_id_currency_name_unique" unique ("customer_id", "currency", "name");`);

    this.addSql(`create table "wallet_transaction" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "customer_id" bigint not null, "wallet_id" bigint not null, "type" text check ("type" in ('grant', 'top_up', 'application', 'expiry', 'adjustment', 'refund')) not null, "amount" bigint not null, "balance_after" bigint not null, "remaining_amount" bigint null, "expires_at" timestamptz null, "invoice_id" bigint null, "payment_id" bigint null, "description" varchar(500) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint wallet_transaction_remaining_non_negative check (remaining_amount >= 0));`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "wallet_transaction_wallet_id_created_at_id_index" on "wallet_transaction" ("wallet_id", "created_at", "id");`);
    this.addSql(`create index "wallet_transaction_customer_id_created_at_id_index" on "wallet_transaction" ("customer_id", "created_at", "id");`);
    this.addSql(`create index "wallet_transaction_invoice_id_index" on "wallet_transaction" ("invoice_id");`);
    this.addSql(`create index "wallet_transaction_expiring_index" on "wallet_transaction" ("expires_at") where "remaining_amount" > 0;`);

    this.addSql(`create table "webhook_endpoint" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "url" varchar(2048) not null, "description" varchar(500) null, "secret" varchar(255) not null, "events" text[] not null, "active" boolean not null default true, "metadata" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "webhook_endpoint_merchant_id_index" on "webhook_endpoint" ("merchant_id");`);

    this.addSql(`create table "webhook_delivery" ("id" bigserial primary key, "public_id" varchar(40) not null, "merchant_id" bigint not null, "endpoint_id" bigint not null, "event_id" varchar(64) not null, "event_type" varchar(100) not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null default 'pending', "attempt_count" int not null default 0, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "response_status" int null, "response_body" text null, "duration_ms" int null, "error" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "webhook_delivery_endpoint_id_created_at_index" on "webhook_delivery" ("endpoint_id", "created_at");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "gateway_event" add constraint "gateway_event_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "customer" add constraint "customer_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "email_message" add constraint "email_message_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "email_message" add constraint "email_message_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "customer_user" add constraint "customer_user_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "customer_user" add constraint "customer_user_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "customer_user" add constraint "customer_user_invited_by_id_foreign" foreign key ("invited_by_id") references "customer_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "coupon" add constraint "coupon_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "merchant_user" add constraint "merchant_user_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "merchant_user" add constraint "merchant_user_invited_by_id_foreign" foreign key ("invited_by_id") references "merchant_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_key" add constraint "api_key_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "merchant_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "customer_token" add constraint "customer_token_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "customer_token" add constraint "customer_token_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "customer_token" add constraint "customer_token_created_by_api_key_id_foreign" foreign key ("created_by_api_key_id") references "api_key" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "meter" add constraint "meter_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "one_time_token" add constraint "one_time_token_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "one_time_token" add constraint "one_time_token_merchant_user_id_foreign" foreign key ("merchant_user_id") references "merchant_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "one_time_token" add constraint "one_time_token_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "one_time_token" add constraint "one_time_token_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "payment_method" add constraint "payment_method_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);

    this.addSql(`alter table "portal_configuration" add constraint "portal_configuration_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "portal_session" add constraint "portal_session_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "portal_session" add constraint "portal_session_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "portal_session" add constraint "portal_session_configuration_id_foreign" foreign key ("configuration_id") references "portal_configuration" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "portal_session" add constraint "portal_session_created_by_api_key_id_foreign" foreign key ("created_by_api_key_id") references "api_key" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "auth_session" add constraint "auth_session_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_merchant_user_id_foreign" foreign key ("merchant_user_id") references "merchant_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_portal_session_id_foreign" foreign key ("portal_session_id") references "portal_session" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "product" add constraint "product_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "price" add constraint "price_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "price" add constraint "price_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`);
    this.addSql(`alter table "price" add constraint "price_meter_id_foreign" foreign key ("meter_id") references "meter" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "recovery_code" add constraint "recovery_code_merchant_user_id_foreign" foreign key ("merchant_user_id") references "merchant_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "recovery_code" add constraint "recovery_code_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "retention_offer" add constraint "retention_offer_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "retention_offer" add constraint "retention_offer_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);

    this.addSql(`alter table "stored_file" add constraint "stored_file_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "statement" add constraint "statement_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "statement" add constraint "statement_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "statement" add constraint "statement_file_id_foreign" foreign key ("file_id") references "stored_file" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "statement" add constraint "statement_requested_by_id_foreign" foreign key ("requested_by_id") references "customer_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "support_ticket" add constraint "support_ticket_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "support_ticket" add constraint "support_ticket_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "support_ticket" add constraint "support_ticket_opened_by_id_foreign" foreign key ("opened_by_id") references "customer_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "support_ticket" add constraint "support_ticket_assigned_to_id_foreign" foreign key ("assigned_to_id") references "merchant_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "support_message" add constraint "support_message_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "support_message" add constraint "support_message_ticket_id_foreign" foreign key ("ticket_id") references "support_ticket" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "support_message" add constraint "support_message_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "support_message" add constraint "support_message_merchant_user_id_foreign" foreign key ("merchant_user_id") references "merchant_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "tax_rate" add constraint "tax_rate_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "test_clock" add constraint "test_clock_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "test_clock" add constraint "test_clock_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "subscription" add constraint "subscription_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "subscription" add constraint "subscription_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "subscription" add constraint "subscription_default_payment_method_id_foreign" foreign key ("default_payment_method_id") references "payment_method" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "subscription" add constraint "subscription_latest_invoice_id_foreign" foreign key ("latest_invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "subscription" add constraint "subscription_test_clock_id_foreign" foreign key ("test_clock_id") references "test_clock" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "subscription_item" add constraint "subscription_item_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "subscription_item" add constraint "subscription_item_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "subscription_item" add constraint "subscription_item_price_id_foreign" foreign key ("price_id") references "price" ("id") on update cascade;`);

    this.addSql(`alter table "discount" add constraint "discount_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "discount" add constraint "discount_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "discount" add constraint "discount_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);
    this.addSql(`alter table "discount" add constraint "discount_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "discount" add constraint "discount_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_offer_id_foreign" foreign key ("offer_id") references "retention_offer" ("id") on update cascade;`);
    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade;`);
    this.addSql(`alter table "retention_offer_redemption" add constraint "retention_offer_redemption_discount_id_foreign" foreign key ("discount_id") references "discount" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "invoice" add constraint "invoice_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "invoice" add constraint "invoice_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "invoice" add constraint "invoice_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_discount_id_foreign" foreign key ("discount_id") references "discount" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_latest_payment_id_foreign" foreign key ("latest_payment_id") references "payment" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_pdf_file_id_foreign" foreign key ("pdf_file_id") references "stored_file" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "payment" add constraint "payment_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "payment" add constraint "payment_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "payment" add constraint "payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "payment" add constraint "payment_payment_method_id_foreign" foreign key ("payment_method_id") references "payment_method" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "invoice_line" add constraint "invoice_line_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_subscription_item_id_foreign" foreign key ("subscription_item_id") references "subscription_item" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_price_id_foreign" foreign key ("price_id") references "price" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_tax_rate_id_foreign" foreign key ("tax_rate_id") references "tax_rate" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "document" add constraint "document_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "document" add constraint "document_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "document" add constraint "document_file_id_foreign" foreign key ("file_id") references "stored_file" ("id") on update cascade;`);
    this.addSql(`alter table "document" add constraint "document_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "document" add constraint "document_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "credit_note" add constraint "credit_note_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade;`);
    this.addSql(`alter table "credit_note" add constraint "credit_note_pdf_file_id_foreign" foreign key ("pdf_file_id") references "stored_file" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "refund" add constraint "refund_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_credit_note_id_foreign" foreign key ("credit_note_id") references "credit_note" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "credit_note_line" add constraint "credit_note_line_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "credit_note_line" add constraint "credit_note_line_credit_note_id_foreign" foreign key ("credit_note_id") references "credit_note" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "credit_note_line" add constraint "credit_note_line_invoice_line_id_foreign" foreign key ("invoice_line_id") references "invoice_line" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade;`);
    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_customer_user_id_foreign" foreign key ("customer_user_id") references "customer_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "cancellation_feedback" add constraint "cancellation_feedback_offer_shown_id_foreign" foreign key ("offer_shown_id") references "retention_offer" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "job" add constraint "job_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "job" add constraint "job_test_clock_id_foreign" foreign key ("test_clock_id") references "test_clock" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "usage_aggregate" add constraint "usage_aggregate_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "usage_aggregate" add constraint "usage_aggregate_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "usage_aggregate" add constraint "usage_aggregate_meter_id_foreign" foreign key ("meter_id") references "meter" ("id") on update cascade;`);
    this.addSql(`alter table "usage_aggregate" add constraint "usage_aggregate_subscription_id_foreign" foreign key ("subscription_id") references "subscription" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "usage_event" add constraint "usage_event_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "usage_event" add constraint "usage_event_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "usage_event" add constraint "usage_event_meter_id_foreign" foreign key ("meter_id") references "meter" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "wallet" add constraint "wallet_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "wallet" add constraint "wallet_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);

    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_wallet_id_foreign" foreign key ("wallet_id") references "wallet" ("id") on update cascade;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_payment_id_foreign" foreign key ("payment_id") references "payment" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_merchant_id_foreign" foreign key ("merchant_id") references "merchant" ("id") on update cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);

    // AuditEvent is append-only: the database itself refuses to change or remove a row,
    // whoever asks (application, console, psql). TRUNCATE fires no row triggers, so it gets
    // a statement trigger of its own.
    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only' using hint = 'audit events can be inserted, never updated, deleted or truncated';
end;
$$;`);
    this.addSql(`create trigger "audit_event_no_update_or_delete" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "audit_event_no_truncate" on "audit_event";`);
    this.addSql(`drop trigger if exists "audit_event_no_update_or_delete" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_append_only"();`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "wallet_transaction" cascade;`);
    this.addSql(`drop table if exists "wallet" cascade;`);
    this.addSql(`drop table if exists "usage_event" cascade;`);
    this.addSql(`drop table if exists "usage_aggregate" cascade;`);
    this.addSql(`drop table if exists "job" cascade;`);
    this.addSql(`drop table if exists "cancellation_feedback" cascade;`);
    this.addSql(`drop table if exists "credit_note_line" cascade;`);
    this.addSql(`drop table if exists "refund" cascade;`);
    this.addSql(`drop table if exists "credit_note" cascade;`);
    this.addSql(`drop table if exists "document" cascade;`);
    this.addSql(`drop table if exists "invoice_line" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "retention_offer_redemption" cascade;`);
    this.addSql(`drop table if exists "discount" cascade;`);
    this.addSql(`drop table if exists "subscription_item" cascade;`);
    this.addSql(`drop table if exists "subscription" cascade;`);
    this.addSql(`drop table if exists "test_clock" cascade;`);
    this.addSql(`drop table if exists "tax_rate" cascade;`);
    this.addSql(`drop table if exists "support_message" cascade;`);
    this.addSql(`drop table if exists "support_ticket" cascade;`);
    this.addSql(`drop table if exists "statement" cascade;`);
    this.addSql(`drop table if exists "stored_file" cascade;`);
    this.addSql(`drop table if exists "retention_offer" cascade;`);
    this.addSql(`drop table if exists "recovery_code" cascade;`);
    this.addSql(`drop table if exists "rate_limit_bucket" cascade;`);
    this.addSql(`drop table if exists "price" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "auth_session" cascade;`);
    this.addSql(`drop table if exists "portal_session" cascade;`);
    this.addSql(`drop table if exists "portal_configuration" cascade;`);
    this.addSql(`drop table if exists "payment_method" cascade;`);
    this.addSql(`drop table if exists "one_time_token" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "meter" cascade;`);
    this.addSql(`drop table if exists "customer_token" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "merchant_user" cascade;`);
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "coupon" cascade;`);
    this.addSql(`drop table if exists "customer_user" cascade;`);
    this.addSql(`drop table if exists "email_message" cascade;`);
    this.addSql(`drop table if exists "customer" cascade;`);
    this.addSql(`drop table if exists "gateway_event" cascade;`);
    this.addSql(`drop table if exists "idempotency_record" cascade;`);
    this.addSql(`drop table if exists "merchant" cascade;`);
  }

}
