CREATE TYPE "public"."cooperative_kind" AS ENUM('cooperative', 'family_farm', 'homestay_host', 'leisure_farm');--> statement-breakpoint
CREATE TYPE "public"."cooperative_status" AS ENUM('pending', 'approved', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('owner', 'staff');--> statement-breakpoint
CREATE TYPE "public"."certification" AS ENUM('organic', 'green_food', 'gi', 'heritage');--> statement-breakpoint
CREATE TYPE "public"."product_category" AS ENUM('tea', 'grain', 'fruit', 'vegetables', 'nuts', 'honey', 'mushrooms', 'bamboo', 'meat_eggs', 'aquatic', 'preserved', 'crafts', 'snacks');--> statement-breakpoint
CREATE TYPE "public"."product_status" AS ENUM('active', 'draft', 'archived');--> statement-breakpoint
CREATE TYPE "public"."cancellation_policy" AS ENUM('flexible', 'moderate', 'strict');--> statement-breakpoint
CREATE TYPE "public"."listing_status" AS ENUM('active', 'draft', 'archived');--> statement-breakpoint
CREATE TABLE "villages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "villages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"province_zh" text NOT NULL,
	"province_en" text NOT NULL,
	"city_zh" text NOT NULL,
	"city_en" text NOT NULL,
	"county_zh" text NOT NULL,
	"county_en" text NOT NULL,
	"town_zh" text DEFAULT '' NOT NULL,
	"town_en" text DEFAULT '' NOT NULL,
	"summary_zh" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"story_zh" text NOT NULL,
	"story_en" text NOT NULL,
	"highlights" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cover_image" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"featured" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_lat_range" CHECK ("villages"."lat" IS NULL OR "villages"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "villages_lng_range" CHECK ("villages"."lng" IS NULL OR "villages"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "villages_slug_format" CHECK ("villages"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "cooperatives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cooperatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" "cooperative_kind" NOT NULL,
	"village_id" integer,
	"story_zh" text DEFAULT '' NOT NULL,
	"story_en" text DEFAULT '' NOT NULL,
	"status" "cooperative_status" DEFAULT 'pending' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"commission_bps" integer DEFAULT 800 NOT NULL,
	"stripe_account_id" text,
	"founded_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperatives_commission_range" CHECK ("cooperatives"."commission_bps" BETWEEN 0 AND 10000),
	CONSTRAINT "cooperatives_slug_format" CHECK ("cooperatives"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" integer NOT NULL,
	"cooperative_id" integer NOT NULL,
	"role" "membership_role" DEFAULT 'staff' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_cooperative_id_pk" PRIMARY KEY("user_id","cooperative_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"is_operator" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_locale_known" CHECK ("users"."locale" IN ('zh-CN', 'en'))
);
--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "product_variants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"sku" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"price_cents" integer NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"weight_g" integer,
	"ships_from" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_variants_price_nonnegative" CHECK ("product_variants"."price_cents" >= 0),
	CONSTRAINT "product_variants_stock_nonnegative" CHECK ("product_variants"."stock" >= 0),
	CONSTRAINT "product_variants_weight_nonnegative" CHECK ("product_variants"."weight_g" IS NULL OR "product_variants"."weight_g" >= 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cooperative_id" integer NOT NULL,
	"handle" text NOT NULL,
	"slug" text NOT NULL,
	"village_id" integer,
	"category" "product_category" NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"certifications" "certification"[] DEFAULT '{}' NOT NULL,
	"harvest_season" text DEFAULT '' NOT NULL,
	"status" "product_status" DEFAULT 'active' NOT NULL,
	"image" text DEFAULT '' NOT NULL,
	"price_from_cents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_price_from_nonnegative" CHECK ("products"."price_from_cents" >= 0),
	CONSTRAINT "products_slug_format" CHECK ("products"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "stay_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stay_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"stay_id" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"max_guests" integer NOT NULL,
	"beds" text DEFAULT '' NOT NULL,
	"base_price_cents" integer NOT NULL,
	"weekend_price_cents" integer,
	"min_nights" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stay_units_max_guests_min" CHECK ("stay_units"."max_guests" >= 1),
	CONSTRAINT "stay_units_price_nonnegative" CHECK ("stay_units"."base_price_cents" >= 0),
	CONSTRAINT "stay_units_weekend_price_nonnegative" CHECK ("stay_units"."weekend_price_cents" IS NULL OR "stay_units"."weekend_price_cents" >= 0),
	CONSTRAINT "stay_units_min_nights_min" CHECK ("stay_units"."min_nights" >= 1)
);
--> statement-breakpoint
CREATE TABLE "stays" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stays_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cooperative_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"amenities" text[] DEFAULT '{}' NOT NULL,
	"house_rules_zh" text DEFAULT '' NOT NULL,
	"house_rules_en" text DEFAULT '' NOT NULL,
	"check_in_time" text DEFAULT '14:00' NOT NULL,
	"check_out_time" text DEFAULT '12:00' NOT NULL,
	"cancellation_policy" "cancellation_policy" DEFAULT 'moderate' NOT NULL,
	"status" "listing_status" DEFAULT 'active' NOT NULL,
	"image" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stays_check_in_time_format" CHECK ("stays"."check_in_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "stays_check_out_time_format" CHECK ("stays"."check_out_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "stays_slug_format" CHECK ("stays"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "unit_blackouts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_blackouts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_blackouts_range" CHECK ("unit_blackouts"."end_date" > "unit_blackouts"."start_date")
);
--> statement-breakpoint
CREATE TABLE "unit_rates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"price_cents" integer NOT NULL,
	"min_nights" integer DEFAULT 1 NOT NULL,
	"label_zh" text DEFAULT '' NOT NULL,
	"label_en" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_rates_range" CHECK ("unit_rates"."end_date" > "unit_rates"."start_date"),
	CONSTRAINT "unit_rates_price_nonnegative" CHECK ("unit_rates"."price_cents" >= 0),
	CONSTRAINT "unit_rates_min_nights_min" CHECK ("unit_rates"."min_nights" >= 1)
);
--> statement-breakpoint
CREATE TABLE "experience_slots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "experience_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"experience_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experience_slots_capacity_nonnegative" CHECK ("experience_slots"."capacity" >= 0),
	CONSTRAINT "experience_slots_booked_range" CHECK ("experience_slots"."booked_count" >= 0 AND "experience_slots"."booked_count" <= "experience_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "experiences" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "experiences_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cooperative_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"meeting_point_zh" text DEFAULT '' NOT NULL,
	"meeting_point_en" text DEFAULT '' NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_per_person_cents" integer NOT NULL,
	"min_people" integer DEFAULT 1 NOT NULL,
	"max_people" integer DEFAULT 10 NOT NULL,
	"status" "listing_status" DEFAULT 'active' NOT NULL,
	"image" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiences_duration_positive" CHECK ("experiences"."duration_minutes" > 0),
	CONSTRAINT "experiences_price_nonnegative" CHECK ("experiences"."price_per_person_cents" >= 0),
	CONSTRAINT "experiences_group_range" CHECK ("experiences"."min_people" >= 1 AND "experiences"."max_people" >= "experiences"."min_people"),
	CONSTRAINT "experiences_slug_format" CHECK ("experiences"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_units" ADD CONSTRAINT "stay_units_stay_id_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."stays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stays" ADD CONSTRAINT "stays_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stays" ADD CONSTRAINT "stays_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_blackouts" ADD CONSTRAINT "unit_blackouts_unit_id_stay_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."stay_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_rates" ADD CONSTRAINT "unit_rates_unit_id_stay_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."stay_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_slots" ADD CONSTRAINT "experience_slots_experience_id_experiences_id_fk" FOREIGN KEY ("experience_id") REFERENCES "public"."experiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "villages_slug_key" ON "villages" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "villages_featured_idx" ON "villages" USING btree ("featured");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperatives_slug_key" ON "cooperatives" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "cooperatives_village_idx" ON "cooperatives" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "cooperatives_status_kind_idx" ON "cooperatives" USING btree ("status","kind");--> statement-breakpoint
CREATE INDEX "memberships_cooperative_idx" ON "memberships" USING btree ("cooperative_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "product_variants_sku_key" ON "product_variants" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "product_variants_product_idx" ON "product_variants" USING btree ("product_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "products_slug_key" ON "products" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "products_cooperative_handle_key" ON "products" USING btree ("cooperative_id","handle");--> statement-breakpoint
CREATE INDEX "products_status_category_idx" ON "products" USING btree ("status","category");--> statement-breakpoint
CREATE INDEX "products_village_idx" ON "products" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "products_cooperative_idx" ON "products" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "products_certifications_idx" ON "products" USING gin ("certifications");--> statement-breakpoint
CREATE INDEX "products_price_idx" ON "products" USING btree ("status","price_from_cents");--> statement-breakpoint
CREATE INDEX "products_created_idx" ON "products" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "stay_units_stay_idx" ON "stay_units" USING btree ("stay_id","position");--> statement-breakpoint
CREATE INDEX "stay_units_price_idx" ON "stay_units" USING btree ("base_price_cents");--> statement-breakpoint
CREATE UNIQUE INDEX "stays_slug_key" ON "stays" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "stays_village_idx" ON "stays" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "stays_cooperative_idx" ON "stays" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "stays_status_idx" ON "stays" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "unit_blackouts_unit_dates_idx" ON "unit_blackouts" USING btree ("unit_id","start_date");--> statement-breakpoint
CREATE INDEX "unit_rates_unit_dates_idx" ON "unit_rates" USING btree ("unit_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "experience_slots_experience_start_key" ON "experience_slots" USING btree ("experience_id","starts_at");--> statement-breakpoint
CREATE INDEX "experience_slots_starts_idx" ON "experience_slots" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "experiences_slug_key" ON "experiences" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "experiences_village_idx" ON "experiences" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "experiences_cooperative_idx" ON "experiences" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "experiences_status_idx" ON "experiences" USING btree ("status","created_at");