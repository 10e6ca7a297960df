CREATE TABLE "content_generation" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_generation" ADD CONSTRAINT "content_generation_one_row" CHECK ("id");--> statement-breakpoint
INSERT INTO "content_generation" ("id", "generation") VALUES (true, 0);--> statement-breakpoint
CREATE FUNCTION "bump_content_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "content_generation" SET "generation" = "generation" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "courses_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "courses" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "course_modules_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "course_modules" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "lessons_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lessons" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competencies_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "competencies" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "competency_framework_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "competency_framework" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "principles_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "principles" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();--> statement-breakpoint
CREATE TRIGGER "organisations_bump_content_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
