-- Before this constraint, assigning an item to a team twice stored two standing team
-- assignments. Each group is merged into its oldest row: the earliest due date, the newest
-- note, and the people's assignments pointing at the row that stays.
UPDATE "team_assignments" AS "keep" SET "due_date" = "merged"."due_date", "note" = "merged"."note"
FROM (
	SELECT (array_agg("id" ORDER BY "created_at", "id"))[1] AS "keep_id",
		min("due_date") AS "due_date",
		(array_agg("note" ORDER BY "created_at" DESC, "id" DESC) FILTER (WHERE "note" IS NOT NULL))[1] AS "note"
	FROM "team_assignments"
	GROUP BY "team_id", "course_id", "lesson_id", "manager_scope_id"
	HAVING count(*) > 1
) AS "merged"
WHERE "keep"."id" = "merged"."keep_id";--> statement-breakpoint
UPDATE "assignments" AS "a" SET "team_assignment_id" = "d"."keep_id"
FROM (
	SELECT "id", first_value("id") OVER (PARTITION BY "team_id", "course_id", "lesson_id", "manager_scope_id" ORDER BY "created_at", "id") AS "keep_id"
	FROM "team_assignments"
) AS "d"
WHERE "a"."team_assignment_id" = "d"."id" AND "d"."id" <> "d"."keep_id";--> statement-breakpoint
DELETE FROM "team_assignments" AS "t"
USING (
	SELECT "id", first_value("id") OVER (PARTITION BY "team_id", "course_id", "lesson_id", "manager_scope_id" ORDER BY "created_at", "id") AS "keep_id"
	FROM "team_assignments"
) AS "d"
WHERE "t"."id" = "d"."id" AND "d"."id" <> "d"."keep_id";--> statement-breakpoint
ALTER TABLE "team_assignments" ADD CONSTRAINT "team_assignments_item_unique" UNIQUE NULLS NOT DISTINCT("team_id","course_id","lesson_id","manager_scope_id");
