ALTER TABLE "memberships" ADD COLUMN "sort_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_directory_idx" ON "memberships" USING btree ("event_id","sort_name","user_id");--> statement-breakpoint
-- memberships.sort_name mirrors lower(profiles.display_name), whichever code path writes.
CREATE OR REPLACE FUNCTION "membership_sort_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sort_name := coalesce((SELECT lower(p.display_name) FROM profiles p WHERE p.user_id = NEW.user_id), '');
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "memberships_sort_name" BEFORE INSERT ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "membership_sort_name"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "profile_sort_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.display_name IS NOT DISTINCT FROM NEW.display_name THEN
    RETURN NEW;
  END IF;
  UPDATE memberships SET sort_name = lower(NEW.display_name) WHERE user_id = NEW.user_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "profiles_sort_name" AFTER INSERT OR UPDATE OF display_name ON "profiles"
  FOR EACH ROW EXECUTE FUNCTION "profile_sort_name"();--> statement-breakpoint
UPDATE "memberships" m SET sort_name = lower(p.display_name) FROM "profiles" p WHERE p.user_id = m.user_id;
