import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, unwrap, type MyProfile } from '../api/client.js';
import { keys, useInterestSuggestions, useMyEvents, useMyProfile } from '../api/queries.js';
import { ChipInput } from '../components/ChipInput.js';
import { TextArea, TextField } from '../components/Field.js';
import { ListInput } from '../components/ListInput.js';
import { usePageTitle } from '../components/PageTitle.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';

type Draft = Omit<MyProfile, 'userId' | 'updatedAt'>;

function draftOf(profile: MyProfile): Draft {
  return {
    displayName: profile.displayName,
    headline: profile.headline,
    bio: profile.bio,
    interests: profile.interests,
    offers: profile.offers.length ? profile.offers : [''],
    seeking: profile.seeking.length ? profile.seeking : [''],
    questions: profile.questions.length ? profile.questions : [''],
    contact: { ...profile.contact, links: profile.contact.links.length ? profile.contact.links : [''] },
  };
}

const filled = (list: string[]) => list.map((item) => item.trim()).filter(Boolean);

export function ProfilePage() {
  usePageTitle('My profile');
  const profile = useMyProfile();
  if (profile.isPending) return <Loading lines={8} label="Loading your profile…" />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  return <ProfileForm profile={profile.data} />;
}

function ProfileForm({ profile }: { profile: MyProfile }) {
  const queryClient = useQueryClient();
  const events = useMyEvents();
  const suggestions = useInterestSuggestions((events.data ?? []).map((e) => e.id));
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [saved, setSaved] = useState<string>();

  useEffect(() => setDraft(draftOf(profile)), [profile]);

  const save = useMutation({
    mutationFn: (body: Draft) => unwrap(api.PUT('/api/me/profile', { body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.profile, updated);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'events' && q.queryKey.length > 2 });
      setSaved('Saved');
    },
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(undefined);
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setContact = <K extends keyof Draft['contact']>(key: K, value: Draft['contact'][K]) => {
    setSaved(undefined);
    setDraft((current) => ({ ...current, contact: { ...current.contact, [key]: value } }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      displayName: draft.displayName,
      headline: draft.headline,
      bio: draft.bio,
      interests: draft.interests,
      offers: filled(draft.offers),
      seeking: filled(draft.seeking),
      questions: filled(draft.questions),
      contact: { email: draft.contact.email.trim(), phone: draft.contact.phone.trim(), links: filled(draft.contact.links) },
    });
  }

  const e = (field: string) => fieldError(save.error, field);

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <div className="page-head">
        <div>
          <h1>My profile</h1>
          <p className="muted">
            One profile for every event. People at your events see everything here except the private section.
          </p>
        </div>
      </div>

      <section className="card form" aria-labelledby="about-title">
        <h2 id="about-title" className="card-title">
          About you
        </h2>
        <TextField label="Name people see" value={draft.displayName} onChange={(ev) => set('displayName', ev.target.value)} error={e('displayName')} maxLength={100} autoComplete="name" required />
        <TextField
          label="Headline"
          value={draft.headline}
          onChange={(ev) => set('headline', ev.target.value)}
          error={e('headline')}
          maxLength={140}
          placeholder="e.g. Gardener who writes Rust"
          hint="One line under your name."
        />
        <TextArea label="Bio" value={draft.bio} onChange={(ev) => set('bio', ev.target.value)} error={e('bio')} maxLength={1000} rows={4} hint="A few sentences, in your own words." />
      </section>

      <section className="card form" aria-labelledby="ground-title">
        <h2 id="ground-title" className="card-title">
          Common ground
        </h2>
        <ChipInput
          label="Interests"
          values={draft.interests}
          onChange={(values) => set('interests', values)}
          suggestions={suggestions}
          error={e('interests')}
          placeholder="e.g. climbing, Rust, gardening"
          note="When you save, spelling and case are tidied up: “JS” becomes “JavaScript”."
        />
        <ListInput
          label="What I can offer"
          itemLabel="Offer"
          values={draft.offers}
          onChange={(values) => set('offers', values)}
          hint="Things you are glad to help with or talk about."
          placeholder="e.g. feedback on a launch"
          error={e('offers')}
          max={10}
          addLabel="Add an offer"
        />
        <ListInput
          label="What I am looking for"
          itemLabel="Need"
          values={draft.seeking}
          onChange={(values) => set('seeking', values)}
          hint="What would make this event worth it for you?"
          placeholder="e.g. a running buddy"
          error={e('seeking')}
          max={10}
          addLabel="Add a need"
        />
        <ListInput
          label="Questions I like to be asked"
          itemLabel="Question"
          values={draft.questions}
          onChange={(values) => set('questions', values)}
          hint="Shown to others as conversation openers."
          placeholder="e.g. What are you reading?"
          error={e('questions')}
          max={5}
          addLabel="Add a question"
        />
      </section>

      <section className="card form card-private" aria-labelledby="private-title" aria-describedby="private-note">
        <h2 id="private-title" className="card-title">
          <LockIcon /> Private: only you see these
        </h2>
        <p id="private-note" className="muted">
          Only you see your contact details. They never show in directories or on profiles.
        </p>
        <TextField label="Contact email" type="email" inputMode="email" value={draft.contact.email} onChange={(ev) => setContact('email', ev.target.value)} error={e('contact.email')} autoComplete="email" />
        <TextField label="Phone" type="tel" inputMode="tel" value={draft.contact.phone} onChange={(ev) => setContact('phone', ev.target.value)} error={e('contact.phone')} autoComplete="tel" maxLength={40} />
        <ListInput
          label="Links"
          itemLabel="Link"
          type="url"
          values={draft.contact.links}
          onChange={(values) => setContact('links', values)}
          placeholder="https://"
          error={e('contact.links')}
          max={5}
          addLabel="Add a link"
        />
      </section>

      <div className="save-bar">
        <FormMessage error={save.error} />
        <div className="save-bar-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save profile'}
          </button>
          <span className="save-status" role="status">
            {saved}
          </span>
          {events.data?.[0] && (
            <Link to={`/e/${events.data[0].id}/people/${profile.userId}`} className="button button-quiet button-small save-bar-preview">
              Preview
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}

function LockIcon() {
  return (
    <svg className="lock" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="4.5" y="10.5" width="15" height="10" rx="2.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
