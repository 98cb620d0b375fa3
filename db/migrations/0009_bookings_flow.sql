CREATE TYPE "public"."pay_on_arrival_mode" AS ENUM('off', 'auto', 'host');--> statement-breakpoint
ALTER TYPE "public"."order_status" ADD VALUE 'confirmed' BEFORE 'paid';--> statement-breakpoint
ALTER TYPE "public"."payment_provider" ADD VALUE 'on_arrival';--> statement-breakpoint
ALTER TYPE "public"."seller_order_status" ADD VALUE 'confirmed' BEFORE 'paid';--> statement-breakpoint
CREATE TABLE "unit_calendar_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_calendar_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"url" text,
	"name" text DEFAULT '' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cart_lines" ALTER COLUMN "variant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "pay_on_arrival" "pay_on_arrival_mode" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "stay_units" ADD COLUMN "ical_token" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_blackouts" ADD COLUMN "import_id" integer;--> statement-breakpoint
ALTER TABLE "experiences" ADD COLUMN "booking_cutoff_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD COLUMN "check_in" date;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD COLUMN "check_out" date;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD COLUMN "guests" integer;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD COLUMN "slot_id" integer;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "unit_calendar_imports" ADD CONSTRAINT "unit_calendar_imports_unit_id_stay_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."stay_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_calendar_imports_unit_idx" ON "unit_calendar_imports" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "unit_blackouts" ADD CONSTRAINT "unit_blackouts_import_id_unit_calendar_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."unit_calendar_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_unit_id_stay_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."stay_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_slot_id_experience_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."experience_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stay_units_ical_token_key" ON "stay_units" USING btree ("ical_token");--> statement-breakpoint
CREATE INDEX "unit_blackouts_import_idx" ON "unit_blackouts" USING btree ("import_id");--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_booking_cutoff_range" CHECK ("experiences"."booking_cutoff_minutes" BETWEEN 0 AND 10080);--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_one_kind" CHECK (num_nonnulls("cart_lines"."variant_id", "cart_lines"."unit_id", "cart_lines"."slot_id") = 1);--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_stay_fields" CHECK (("cart_lines"."unit_id" IS NULL AND "cart_lines"."check_in" IS NULL AND "cart_lines"."check_out" IS NULL AND "cart_lines"."guests" IS NULL) OR ("cart_lines"."unit_id" IS NOT NULL AND "cart_lines"."check_out" > "cart_lines"."check_in" AND "cart_lines"."guests" >= 1 AND "cart_lines"."quantity" = 1));