CREATE TABLE "first_answers" (
	"user_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"assessment_id" text NOT NULL,
	"question_id" text NOT NULL,
	"lesson_version_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"correct" boolean NOT NULL,
	"selected" text[] NOT NULL,
	"rest" real,
	CONSTRAINT "first_answers_user_id_lesson_id_assessment_id_question_id_pk" PRIMARY KEY("user_id","lesson_id","assessment_id","question_id")
);
--> statement-breakpoint
ALTER TABLE "first_answers" ADD CONSTRAINT "first_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_answers" ADD CONSTRAINT "first_answers_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_answers" ADD CONSTRAINT "first_answers_lesson_version_id_lesson_versions_id_fk" FOREIGN KEY ("lesson_version_id") REFERENCES "public"."lesson_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_answers" ADD CONSTRAINT "first_answers_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "first_answers_version_idx" ON "first_answers" USING btree ("lesson_version_id","assessment_id","question_id","user_id","correct","rest","selected");--> statement-breakpoint
-- The first answers already given: for each learner and question, the earliest submitted quiz
-- attempt (by attempt number) that asked it, kept only when that attempt was graded.
INSERT INTO "first_answers" ("user_id", "lesson_id", "assessment_id", "question_id", "lesson_version_id", "attempt_id", "correct", "selected", "rest")
SELECT "user_id", "lesson_id", "assessment_id", "question_id", "lesson_version_id", "attempt_id", "correct", "selected", "rest"
FROM (
  SELECT DISTINCT ON (a.user_id, a.lesson_id, a.assessment_id, q.id)
         a.user_id, a.lesson_id, a.assessment_id, q.id AS question_id, a.lesson_version_id, a.id AS attempt_id, a.graded,
         coalesce(q.correct, false) AS correct,
         coalesce(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(q.selected) = 'array' THEN q.selected ELSE '[]'::jsonb END)), '{}') AS selected,
         CASE WHEN n.asked > 1 THEN (n.right_answers - coalesce(q.correct, false)::int)::real / (n.asked - 1) END AS rest
  FROM attempts a
  CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(a.responses->'questions') = 'array' THEN a.responses->'questions' ELSE '[]'::jsonb END AS questions) r
  CROSS JOIN LATERAL (
    SELECT count(*) AS asked, count(*) FILTER (WHERE x.correct) AS right_answers
    FROM jsonb_to_recordset(r.questions) AS x(correct boolean)) n
  CROSS JOIN LATERAL jsonb_to_recordset(r.questions) AS q(id text, correct boolean, selected jsonb)
  WHERE a.kind = 'quiz' AND a.status = 'submitted' AND q.id IS NOT NULL
  ORDER BY a.user_id, a.lesson_id, a.assessment_id, q.id, a.attempt_number
) first
WHERE graded;
