ALTER TABLE "courses" ADD COLUMN "file_hash" text;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "reordered_in_studio" boolean DEFAULT false NOT NULL;