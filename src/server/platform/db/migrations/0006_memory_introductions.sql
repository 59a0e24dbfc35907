CREATE TABLE "asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asker_id" uuid NOT NULL,
	"askee_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"muted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "asks_not_self" CHECK ("asks"."asker_id" <> "asks"."askee_id"),
	CONSTRAINT "asks_status" CHECK ("asks"."status" in ('open', 'dismissed', 'answered', 'lapsed')),
	CONSTRAINT "asks_topic_length" CHECK (char_length("asks"."topic") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"user_low" uuid NOT NULL,
	"user_high" uuid NOT NULL,
	"introduction_id" uuid,
	"connected_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connections_user_low_user_high_pk" PRIMARY KEY("user_low","user_high"),
	CONSTRAINT "connections_pair_ordered" CHECK ("connections"."user_low" < "connections"."user_high")
);
--> statement-breakpoint
CREATE TABLE "contact_shares" (
	"owner_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"phone" boolean DEFAULT false NOT NULL,
	"links" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_shares_owner_id_person_id_pk" PRIMARY KEY("owner_id","person_id"),
	CONSTRAINT "contact_shares_not_self" CHECK ("contact_shares"."owner_id" <> "contact_shares"."person_id")
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"introducer_id" uuid,
	"event_id" uuid,
	"user_low" uuid NOT NULL,
	"user_high" uuid NOT NULL,
	"why" text NOT NULL,
	"ask_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"low_answer" text,
	"high_answer" text,
	"low_answered_at" timestamp with time zone,
	"high_answered_at" timestamp with time zone,
	"muted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"connected_at" timestamp with time zone,
	CONSTRAINT "introductions_pair_ordered" CHECK ("introductions"."user_low" < "introductions"."user_high"),
	CONSTRAINT "introductions_status" CHECK ("introductions"."status" in ('pending', 'connected', 'withdrawn', 'lapsed')),
	CONSTRAINT "introductions_answers" CHECK (coalesce("introductions"."low_answer", 'accepted') in ('accepted', 'declined') and coalesce("introductions"."high_answer", 'accepted') in ('accepted', 'declined')),
	CONSTRAINT "introductions_why_length" CHECK (char_length("introductions"."why") between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "memories" (
	"owner_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"cares_about" text DEFAULT '' NOT NULL,
	"follow_up_days" integer,
	"follow_up_set_at" timestamp with time zone,
	"in_touch_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memories_owner_id_person_id_pk" PRIMARY KEY("owner_id","person_id"),
	CONSTRAINT "memories_not_self" CHECK ("memories"."owner_id" <> "memories"."person_id"),
	CONSTRAINT "memories_note_length" CHECK (char_length("memories"."note") <= 5000),
	CONSTRAINT "memories_follow_up_whole" CHECK (("memories"."follow_up_days" is null) = ("memories"."follow_up_set_at" is null))
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_asker_id_users_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asks" ADD CONSTRAINT "asks_askee_id_users_id_fk" FOREIGN KEY ("askee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_user_low_users_id_fk" FOREIGN KEY ("user_low") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_user_high_users_id_fk" FOREIGN KEY ("user_high") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_shares" ADD CONSTRAINT "contact_shares_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_shares" ADD CONSTRAINT "contact_shares_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_introducer_id_users_id_fk" FOREIGN KEY ("introducer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_user_low_users_id_fk" FOREIGN KEY ("user_low") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_user_high_users_id_fk" FOREIGN KEY ("user_high") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_ask_id_asks_id_fk" FOREIGN KEY ("ask_id") REFERENCES "public"."asks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memories" ADD CONSTRAINT "memories_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memories" ADD CONSTRAINT "memories_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asks_one_open_key" ON "asks" USING btree ("asker_id","askee_id") WHERE "asks"."status" in ('open', 'dismissed');--> statement-breakpoint
CREATE INDEX "asks_asker_idx" ON "asks" USING btree ("asker_id","created_at");--> statement-breakpoint
CREATE INDEX "asks_askee_idx" ON "asks" USING btree ("askee_id");--> statement-breakpoint
CREATE INDEX "connections_user_high_idx" ON "connections" USING btree ("user_high");--> statement-breakpoint
CREATE INDEX "contact_shares_person_idx" ON "contact_shares" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "introductions_one_pending_key" ON "introductions" USING btree ("introducer_id","user_low","user_high") WHERE "introductions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "introductions_introducer_idx" ON "introductions" USING btree ("introducer_id","created_at");--> statement-breakpoint
CREATE INDEX "introductions_user_low_idx" ON "introductions" USING btree ("user_low");--> statement-breakpoint
CREATE INDEX "introductions_user_high_idx" ON "introductions" USING btree ("user_high");--> statement-breakpoint
CREATE INDEX "memories_person_idx" ON "memories" USING btree ("person_id");