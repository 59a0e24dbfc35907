-- Bumps the people version of the given events, locking their rows in id order first: two
-- transactions that bump overlapping sets of events (one person's profile edit reaches every event
-- they are in) then wait for each other instead of deadlocking.
CREATE OR REPLACE FUNCTION "bump_people_versions"(event_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(event_ids), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM events WHERE id = ANY (event_ids) ORDER BY id FOR UPDATE;
  UPDATE events SET people_version = people_version + 1 WHERE id = ANY (event_ids);
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "bump_people_version_of_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_people_versions(array(SELECT DISTINCT event_id FROM changed_rows));
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Suggestions read active members only (joined or checked in, as unsafeListEventPeople selects):
-- a status change within those two (a check-in at the door) or among inactive ones changes
-- nothing they read, and neither do role, listed or suggest_me of someone inactive.
CREATE OR REPLACE FUNCTION "membership_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_people_versions(array(
    SELECT DISTINCT a.event_id FROM after_rows a JOIN before_rows b ON b.event_id = a.event_id AND b.user_id = a.user_id
    WHERE (a.status IN ('joined', 'checked_in')) IS DISTINCT FROM (b.status IN ('joined', 'checked_in'))
       OR (a.status IN ('joined', 'checked_in')
         AND (a.role IS DISTINCT FROM b.role OR a.listed IS DISTINCT FROM b.listed OR a.suggest_me IS DISTINCT FROM b.suggest_me))
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "profile_people_version_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_people_versions(array(
    SELECT DISTINCT m.event_id FROM added_rows p JOIN memberships m ON m.user_id = p.user_id
    WHERE m.status IN ('joined', 'checked_in')
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "profile_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_people_versions(array(
    SELECT DISTINCT m.event_id
    FROM after_rows a JOIN before_rows b ON b.user_id = a.user_id JOIN memberships m ON m.user_id = a.user_id
    WHERE m.status IN ('joined', 'checked_in')
      AND (a.interests IS DISTINCT FROM b.interests OR a.offers IS DISTINCT FROM b.offers
        OR a.seeking IS DISTINCT FROM b.seeking OR a.questions IS DISTINCT FROM b.questions
        OR a.display_name IS DISTINCT FROM b.display_name OR a.headline IS DISTINCT FROM b.headline)
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "event_intent_people_version_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_people_versions(array(
    SELECT DISTINCT a.event_id FROM after_rows a JOIN before_rows b ON b.event_id = a.event_id AND b.user_id = a.user_id
    WHERE a.here_for IS DISTINCT FROM b.here_for
  ));
  RETURN NULL;
END
$$;
