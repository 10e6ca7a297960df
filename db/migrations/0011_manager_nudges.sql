ALTER TYPE "public"."reminder_kind" ADD VALUE 'nudge';--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_assignment_kind_unique";--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "nudge_day" date;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "sent_by_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_reminder_unique" ON "outbox_messages" USING btree ("assignment_id","kind") WHERE "outbox_messages"."nudge_day" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_nudge_unique" ON "outbox_messages" USING btree ("assignment_id","nudge_day") WHERE "outbox_messages"."nudge_day" is not null;