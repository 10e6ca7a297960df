ALTER TABLE "organisations" ADD COLUMN "publish_needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lesson_drafts" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD CONSTRAINT "lesson_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;