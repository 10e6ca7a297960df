CREATE TABLE "content_generation" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_generation" ADD CONSTRAINT "content_generation_one_row" CHECK ("id");--> statement-breakpoint
INSERT INTO "content_generation" ("id", "generation") VALUES (true, 0);--> statement-breakpoint
-- Raised by every row that really changes (an update that rewrites the same values does not),
-- so a sync that finds nothing new leaves the app servers' caches alone.
CREATE FUNCTION "bump_content_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "content_generation" SET "generation" = "generation" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "courses_added_or_removed" AFTER INSERT OR DELETE ON "courses" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "courses_changed" AFTER UPDATE ON "courses" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "courses_emptied" AFTER TRUNCATE ON "courses" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "course_modules_added_or_removed" AFTER INSERT OR DELETE ON "course_modules" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "course_modules_changed" AFTER UPDATE ON "course_modules" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "course_modules_emptied" AFTER TRUNCATE ON "course_modules" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "lessons_added_or_removed" AFTER INSERT OR DELETE ON "lessons" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "lessons_changed" AFTER UPDATE ON "lessons" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "lessons_emptied" AFTER TRUNCATE ON "lessons" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competencies_added_or_removed" AFTER INSERT OR DELETE ON "competencies" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competencies_changed" AFTER UPDATE ON "competencies" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competencies_emptied" AFTER TRUNCATE ON "competencies" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competency_framework_added_or_removed" AFTER INSERT OR DELETE ON "competency_framework" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competency_framework_changed" AFTER UPDATE ON "competency_framework" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competency_framework_emptied" AFTER TRUNCATE ON "competency_framework" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "principles_added_or_removed" AFTER INSERT OR DELETE ON "principles" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "principles_changed" AFTER UPDATE ON "principles" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "principles_emptied" AFTER TRUNCATE ON "principles" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "organisations_added_or_removed" AFTER INSERT OR DELETE ON "organisations" FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "organisations_changed" AFTER UPDATE ON "organisations" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "organisations_emptied" AFTER TRUNCATE ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
