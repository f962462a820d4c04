CREATE TABLE "link_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"email" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "link_invites" ADD CONSTRAINT "link_invites_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "link_invites_pair_uq" ON "link_invites" USING btree ("requester_id","email");--> statement-breakpoint
CREATE INDEX "link_invites_email_idx" ON "link_invites" USING btree ("email");