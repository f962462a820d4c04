CREATE TABLE "sel_telemetry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"game_session_id" text NOT NULL,
	"session_minutes" double precision NOT NULL,
	"tasks_attempted" integer NOT NULL,
	"tasks_completed" integer NOT NULL,
	"help_requests" integer NOT NULL,
	"help_given" integer NOT NULL,
	"chat_messages" integer NOT NULL,
	"resources_shared" integer NOT NULL,
	"retries_after_failure" integer NOT NULL,
	"frustration_events" integer NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sel_utterances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"game_session_id" text NOT NULL,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"spoken_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sel_telemetry" ADD CONSTRAINT "sel_telemetry_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sel_telemetry" ADD CONSTRAINT "sel_telemetry_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sel_utterances" ADD CONSTRAINT "sel_utterances_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sel_utterances" ADD CONSTRAINT "sel_utterances_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sel_telemetry_uq" ON "sel_telemetry" USING btree ("student_id","game_session_id");--> statement-breakpoint
CREATE INDEX "sel_telemetry_student_idx" ON "sel_telemetry" USING btree ("student_id","ended_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sel_utterances_uq" ON "sel_utterances" USING btree ("student_id","game_session_id","spoken_at","text_hash");--> statement-breakpoint
CREATE INDEX "sel_utterances_session_idx" ON "sel_utterances" USING btree ("student_id","game_session_id","spoken_at");