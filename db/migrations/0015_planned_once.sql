-- The two reads of the hottest pages, as functions: PL/pgSQL keeps a query's plan for the
-- connection, where a statement sent on its own is planned again each time, and planning these
-- cost several times their execution on the embedded database (docs/decisions/006).

-- The lookup every signed-in request makes (findSessionUser), with the content generation.
CREATE FUNCTION "signed_in_user"("p_session_id" text, "p_now" timestamptz, "p_idle_since" timestamptz)
RETURNS TABLE (
  "id" uuid,
  "organisation_id" uuid,
  "email" text,
  "name" text,
  "role" text,
  "manager_id" uuid,
  "team_id" uuid,
  "last_seen_at" timestamptz,
  "time_zone" text,
  "content_generation" bigint
) LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT u."id", u."organisation_id", u."email", u."name", u."role"::text, u."manager_id", u."team_id",
           s."last_seen_at", o."time_zone", (SELECT g."generation" FROM "content_generation" g)
    FROM "sessions" s
    JOIN "users" u ON u."id" = s."user_id"
    JOIN "organisations" o ON o."id" = u."organisation_id"
    WHERE s."id" = "p_session_id" AND s."expires_at" > "p_now" AND s."last_seen_at" > "p_idle_since"
      AND u."deactivated_at" IS NULL
    LIMIT 1;
END
$$;
--> statement-breakpoint
-- One learner's work on one lesson page (lessonProgress): their attempts, the choices of each
-- role-play's current run, their reflections on the version and their latest completion.
CREATE FUNCTION "lesson_progress"("p_user_id" uuid, "p_lesson_id" uuid, "p_version_id" uuid)
RETURNS TABLE ("attempts" json, "decisions" json, "reflections" json, "completion" json)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    WITH mine AS (
      SELECT a.* FROM "attempts" a WHERE a."user_id" = "p_user_id" AND a."lesson_id" = "p_lesson_id"
    ),
    runs AS (
      SELECT DISTINCT ON (m."assessment_id") m."id" FROM mine m
      WHERE m."kind" = 'roleplay' AND m."status" <> 'abandoned'
      ORDER BY m."assessment_id", m."attempt_number" DESC
    )
    SELECT
      (SELECT json_agg(json_build_object(
          'id', m."id", 'lessonVersionId', m."lesson_version_id", 'assessmentId', m."assessment_id",
          'kind', m."kind", 'status', m."status", 'attemptNumber', m."attempt_number",
          'responses', m."responses", 'state', m."state", 'passed', m."passed", 'graded', m."graded")
          ORDER BY m."attempt_number" DESC)
        FROM mine m),
      (SELECT json_agg(json_build_object(
          'attemptId', d."attempt_id", 'step', d."step", 'sceneId', d."scene_id", 'optionId', d."option_id",
          'points', d."points", 'moodBefore', d."mood_before", 'moodAfter', d."mood_after")
          ORDER BY d."attempt_id", d."step")
        FROM "roleplay_decisions" d WHERE d."attempt_id" IN (SELECT r."id" FROM runs r)),
      (SELECT json_agg(json_build_object(
          'reflectionId', r."reflection_id", 'body', r."body", 'status', r."status", 'updatedAt', r."updated_at",
          'reply', rr."reply", 'repliedAt', rr."updated_at", 'reviewerName', u."name"))
        FROM "reflections" r
        LEFT JOIN "reflection_reviews" rr ON rr."reflection_id" = r."id"
        LEFT JOIN "users" u ON u."id" = rr."reviewer_id"
        WHERE r."user_id" = "p_user_id" AND r."lesson_version_id" = "p_version_id"),
      (SELECT json_build_object('lessonVersionId', c."lesson_version_id", 'completedAt', c."completed_at")
        FROM "lesson_completions" c WHERE c."user_id" = "p_user_id" AND c."lesson_id" = "p_lesson_id"
        ORDER BY c."completed_at" DESC LIMIT 1);
END
$$;
