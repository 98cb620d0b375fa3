CREATE TYPE "public"."booking_status" AS ENUM('held', 'confirmed', 'cancelled');--> statement-breakpoint
CREATE TABLE "experience_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "experience_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"seller_order_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"people" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"status" "booking_status" DEFAULT 'held' NOT NULL,
	"expires_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experience_bookings_people_positive" CHECK ("experience_bookings"."people" >= 1),
	CONSTRAINT "experience_bookings_total_nonnegative" CHECK ("experience_bookings"."total_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stay_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stay_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"seller_order_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"check_in" date NOT NULL,
	"check_out" date NOT NULL,
	"guests" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"status" "booking_status" DEFAULT 'held' NOT NULL,
	"expires_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stay_bookings_range" CHECK ("stay_bookings"."check_out" > "stay_bookings"."check_in"),
	CONSTRAINT "stay_bookings_guests_positive" CHECK ("stay_bookings"."guests" >= 1),
	CONSTRAINT "stay_bookings_total_nonnegative" CHECK ("stay_bookings"."total_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD CONSTRAINT "experience_bookings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD CONSTRAINT "experience_bookings_seller_order_id_seller_orders_id_fk" FOREIGN KEY ("seller_order_id") REFERENCES "public"."seller_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_bookings" ADD CONSTRAINT "experience_bookings_slot_id_experience_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."experience_slots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD CONSTRAINT "stay_bookings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD CONSTRAINT "stay_bookings_seller_order_id_seller_orders_id_fk" FOREIGN KEY ("seller_order_id") REFERENCES "public"."seller_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_bookings" ADD CONSTRAINT "stay_bookings_unit_id_stay_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."stay_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experience_bookings_order_idx" ON "experience_bookings" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "experience_bookings_slot_idx" ON "experience_bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "stay_bookings_order_idx" ON "stay_bookings" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "stay_bookings_unit_dates_idx" ON "stay_bookings" USING btree ("unit_id","check_in");