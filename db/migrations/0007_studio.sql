CREATE TYPE "public"."version_origin" AS ENUM('file', 'studio');--> statement-breakpoint
CREATE TABLE "lesson_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lesson_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"base_version_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"problem_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "lesson_versions_lesson_hash_unique";--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD COLUMN "origin" "version_origin" DEFAULT 'file' NOT NULL;--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "file_hash" text;--> statement-breakpoint
ALTER TABLE "lesson_drafts" ADD CONSTRAINT "lesson_drafts_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_drafts" ADD CONSTRAINT "lesson_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_drafts_lesson_user_unique" ON "lesson_drafts" USING btree ("lesson_id","user_id");--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD CONSTRAINT "lesson_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Every version so far came from a file: its published version's hash is the file as last synced.
UPDATE "lessons" SET "file_hash" = v."content_hash" FROM "lesson_versions" v WHERE v."id" = "lessons"."published_version_id";
