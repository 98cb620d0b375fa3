CREATE TYPE "public"."search_doc_type" AS ENUM('product', 'stay', 'experience', 'village');--> statement-breakpoint
CREATE TYPE "public"."search_entity" AS ENUM('product', 'stay', 'experience', 'village', 'cooperative');--> statement-breakpoint
CREATE TABLE "search_documents" (
	"key" text PRIMARY KEY NOT NULL,
	"type" "search_doc_type" NOT NULL,
	"entity_id" integer NOT NULL,
	"doc" jsonb NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"category" text,
	"village_slug" text,
	"certifications" text[] DEFAULT '{}' NOT NULL,
	"price_from" integer,
	"boost" integer DEFAULT 0 NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"version" bigint NOT NULL,
	"shipped" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" "search_entity" NOT NULL,
	"entity_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_type_idx" ON "search_documents" USING btree ("type","deleted");--> statement-breakpoint
CREATE INDEX "search_documents_unshipped_idx" ON "search_documents" USING btree ("version") WHERE NOT "search_documents"."shipped";--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);