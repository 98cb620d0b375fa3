DROP INDEX "search_documents_type_idx";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "title_tsv" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "title_keys" text[] DEFAULT '{}' NOT NULL;