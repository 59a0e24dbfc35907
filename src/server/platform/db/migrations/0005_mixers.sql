CREATE TABLE "mixer_participants" (
	"mixer_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"pinned_table" integer,
	"absent_from" integer,
	"joined_round" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mixer_participants_mixer_id_user_id_pk" PRIMARY KEY("mixer_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "mixers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"table_size" integer NOT NULL,
	"max_tables" integer,
	"tables" integer NOT NULL,
	"rounds" integer NOT NULL,
	"minutes_per_round" integer NOT NULL,
	"auto_advance" boolean DEFAULT false NOT NULL,
	"current_round" integer DEFAULT 0 NOT NULL,
	"round_started_at" timestamp with time zone,
	"round_ends_at" timestamp with time zone,
	"seed" integer NOT NULL,
	"apart" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seats" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"method" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mixers_status" CHECK ("mixers"."status" in ('draft', 'running', 'finished')),
	CONSTRAINT "mixers_table_size" CHECK ("mixers"."table_size" between 2 and 20),
	CONSTRAINT "mixers_rounds" CHECK ("mixers"."rounds" between 1 and 30 and "mixers"."current_round" between 0 and "mixers"."rounds")
);
--> statement-breakpoint
ALTER TABLE "encounters" ADD COLUMN "mixer_id" uuid;--> statement-breakpoint
ALTER TABLE "encounters" ADD COLUMN "mixer_round" integer;--> statement-breakpoint
ALTER TABLE "mixer_participants" ADD CONSTRAINT "mixer_participants_mixer_id_mixers_id_fk" FOREIGN KEY ("mixer_id") REFERENCES "public"."mixers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mixer_participants" ADD CONSTRAINT "mixer_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mixers" ADD CONSTRAINT "mixers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mixers" ADD CONSTRAINT "mixers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mixer_participants_position_key" ON "mixer_participants" USING btree ("mixer_id","position");--> statement-breakpoint
CREATE INDEX "mixer_participants_user_idx" ON "mixer_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mixers_event_idx" ON "mixers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "mixers_due_idx" ON "mixers" USING btree ("round_ends_at") WHERE "mixers"."status" = 'running' and "mixers"."auto_advance";--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_mixer_id_mixers_id_fk" FOREIGN KEY ("mixer_id") REFERENCES "public"."mixers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "encounters_mixer_key" ON "encounters" USING btree ("mixer_id","user_low","user_high") WHERE "encounters"."mixer_id" is not null;