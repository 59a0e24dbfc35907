CREATE TABLE "blocks" (
	"blocker_id" uuid NOT NULL,
	"blocked_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id"),
	CONSTRAINT "blocks_not_self" CHECK ("blocks"."blocker_id" <> "blocks"."blocked_id")
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_low" uuid NOT NULL,
	"user_high" uuid NOT NULL,
	"met_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "encounters_pair_ordered" CHECK ("encounters"."user_low" < "encounters"."user_high"),
	CONSTRAINT "encounters_source" CHECK ("encounters"."source" in ('meeting', 'mixer', 'scan', 'tap'))
);
--> statement-breakpoint
CREATE TABLE "saved_people" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"saved_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_people_event_id_user_id_saved_id_pk" PRIMARY KEY("event_id","user_id","saved_id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_dismissals" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"dismissed_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_dismissals_event_id_user_id_dismissed_id_pk" PRIMARY KEY("event_id","user_id","dismissed_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "people_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suggest_me" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_blocker_id_users_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_blocked_id_users_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_user_low_users_id_fk" FOREIGN KEY ("user_low") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_user_high_users_id_fk" FOREIGN KEY ("user_high") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_people" ADD CONSTRAINT "saved_people_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_people" ADD CONSTRAINT "saved_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_people" ADD CONSTRAINT "saved_people_saved_id_users_id_fk" FOREIGN KEY ("saved_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_dismissals" ADD CONSTRAINT "suggestion_dismissals_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_dismissals" ADD CONSTRAINT "suggestion_dismissals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_dismissals" ADD CONSTRAINT "suggestion_dismissals_dismissed_id_users_id_fk" FOREIGN KEY ("dismissed_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocks_blocked_idx" ON "blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE INDEX "encounters_user_low_idx" ON "encounters" USING btree ("user_low");--> statement-breakpoint
CREATE INDEX "encounters_user_high_idx" ON "encounters" USING btree ("user_high");--> statement-breakpoint
CREATE INDEX "encounters_event_idx" ON "encounters" USING btree ("event_id");--> statement-breakpoint
-- events.people_version changes whenever what suggestions read of the event's people changes:
-- its active members (status, role, listed, suggest_me), their profiles, and what they are here
-- for. Statement-level triggers with transition tables, so that a bulk import bumps each event
-- once rather than once per row.
CREATE OR REPLACE FUNCTION "bump_people_version_of_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET people_version = people_version + 1
  WHERE id IN (SELECT DISTINCT event_id FROM changed_rows);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "memberships_people_version_insert" AFTER INSERT ON "memberships"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_people_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "memberships_people_version_delete" AFTER DELETE ON "memberships"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_people_version_of_rows"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "membership_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET people_version = people_version + 1
  WHERE id IN (
    SELECT DISTINCT a.event_id FROM after_rows a JOIN before_rows b ON b.event_id = a.event_id AND b.user_id = a.user_id
    WHERE a.status IS DISTINCT FROM b.status OR a.role IS DISTINCT FROM b.role
       OR a.listed IS DISTINCT FROM b.listed OR a.suggest_me IS DISTINCT FROM b.suggest_me
  );
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "memberships_people_version_update" AFTER UPDATE ON "memberships"
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "membership_people_version_update"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "profile_people_version_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET people_version = people_version + 1
  WHERE id IN (
    SELECT DISTINCT m.event_id FROM added_rows p JOIN memberships m ON m.user_id = p.user_id
    WHERE m.status IN ('joined', 'checked_in')
  );
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "profiles_people_version_insert" AFTER INSERT ON "profiles"
  REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION "profile_people_version_insert"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "profile_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET people_version = people_version + 1
  WHERE id IN (
    SELECT DISTINCT m.event_id
    FROM after_rows a JOIN before_rows b ON b.user_id = a.user_id JOIN memberships m ON m.user_id = a.user_id
    WHERE m.status IN ('joined', 'checked_in')
      AND (a.interests IS DISTINCT FROM b.interests OR a.offers IS DISTINCT FROM b.offers
        OR a.seeking IS DISTINCT FROM b.seeking OR a.questions IS DISTINCT FROM b.questions
        OR a.display_name IS DISTINCT FROM b.display_name OR a.headline IS DISTINCT FROM b.headline)
  );
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "profiles_people_version_update" AFTER UPDATE ON "profiles"
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "profile_people_version_update"();--> statement-breakpoint
CREATE TRIGGER "event_intents_people_version_insert" AFTER INSERT ON "event_intents"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_people_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "event_intents_people_version_delete" AFTER DELETE ON "event_intents"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_people_version_of_rows"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "event_intent_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET people_version = people_version + 1
  WHERE id IN (
    SELECT DISTINCT a.event_id FROM after_rows a JOIN before_rows b ON b.event_id = a.event_id AND b.user_id = a.user_id
    WHERE a.here_for IS DISTINCT FROM b.here_for
  );
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "event_intents_people_version_update" AFTER UPDATE ON "event_intents"
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "event_intent_people_version_update"();
