// Table-rotation mixers: the API's shapes and calls, and the queries the pages read.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client.js';
import type { paths } from './schema.js';

export type MixerSummary = Schemas['MixerSummary'];
export type Mixer = Schemas['Mixer'];
export type MixerSeat = Schemas['MixerSeat'];
export type MixerFigures = Mixer['figures'];
export type MixerStatus = Mixer['status'];
export type NewMixer = NonNullable<paths['/api/events/{eventId}/mixers']['post']['requestBody']>['content']['application/json'];
/** A draft's changes (`tables: null` is as many as needed); a running mixer takes only name, minutes and auto-advance. */
export type MixerChange = NonNullable<paths['/api/events/{eventId}/mixers/{mixerId}']['patch']['requestBody']>['content']['application/json'];

/** The live messages about mixers on the notifications stream. */
export interface MixerRoundMessage {
  eventId: string;
  mixerId: string;
  name: string;
  round: number;
  rounds: number;
  roundEndsAt: string | null;
  seat: { table: number; label: string; with: { id: string; name: string }[]; shared: string[]; opener: string | null } | null;
  text: string;
}

export interface MixerFinishedMessage {
  eventId: string;
  mixerId: string;
  name: string;
}

export interface MixerUpdatedMessage {
  eventId: string;
  mixerId: string;
  currentRound: number;
}

const path = (eventId: string, mixerId: string) => ({ params: { path: { eventId, mixerId } } });
/** openapi-fetch reads the `apart` pairs as arrays of any length; the document says pairs. */
const asMixer = (call: Promise<unknown>) => call as Promise<Mixer>;

export const mixerApi = {
  list: (eventId: string) => unwrap(api.GET('/api/events/{eventId}/mixers', { params: { path: { eventId } } })),
  get: (eventId: string, mixerId: string) => asMixer(unwrap(api.GET('/api/events/{eventId}/mixers/{mixerId}', path(eventId, mixerId)))),
  create: (eventId: string, body: NewMixer) => asMixer(unwrap(api.POST('/api/events/{eventId}/mixers', { params: { path: { eventId } }, body }))),
  update: (eventId: string, mixerId: string, body: MixerChange) =>
    asMixer(unwrap(api.PATCH('/api/events/{eventId}/mixers/{mixerId}', { ...path(eventId, mixerId), body }))),
  remove: (eventId: string, mixerId: string) => unwrap(api.DELETE('/api/events/{eventId}/mixers/{mixerId}', path(eventId, mixerId))),
  start: (eventId: string, mixerId: string) => asMixer(unwrap(api.POST('/api/events/{eventId}/mixers/{mixerId}/start', path(eventId, mixerId)))),
  advance: (eventId: string, mixerId: string, fromRound: number) =>
    asMixer(unwrap(api.POST('/api/events/{eventId}/mixers/{mixerId}/advance', { ...path(eventId, mixerId), body: { fromRound } }))),
  finish: (eventId: string, mixerId: string) => asMixer(unwrap(api.POST('/api/events/{eventId}/mixers/{mixerId}/finish', path(eventId, mixerId)))),
  attendance: (eventId: string, mixerId: string, body: { absent?: string[]; present?: string[] }) =>
    asMixer(unwrap(api.POST('/api/events/{eventId}/mixers/{mixerId}/attendance', { ...path(eventId, mixerId), body }))),
  mySeat: (eventId: string, mixerId: string) => unwrap(api.GET('/api/events/{eventId}/mixers/{mixerId}/me', path(eventId, mixerId))),
};

export const mixerKeys = {
  /** Everything about mixers at an event: the list, each mixer and my seats. */
  all: (eventId: string) => ['events', eventId, 'mixers'] as const,
  list: (eventId: string) => ['events', eventId, 'mixers', 'list'] as const,
  mixer: (eventId: string, mixerId: string) => ['events', eventId, 'mixers', 'one', mixerId] as const,
  seat: (eventId: string, mixerId: string) => ['events', eventId, 'mixers', 'seat', mixerId] as const,
};

export function useMixers(eventId: string, enabled = true) {
  return useQuery({ queryKey: mixerKeys.list(eventId), queryFn: () => mixerApi.list(eventId), enabled });
}

/**
 * While a mixer runs, its news comes live; it is also read again now and then, in case the
 * stream was down or a change (a round's new length, a round I sit out) came without a message.
 */
const WHILE_RUNNING_MS = 20_000;

export function useMixer(eventId: string, mixerId: string) {
  return useQuery({
    queryKey: mixerKeys.mixer(eventId, mixerId),
    queryFn: () => mixerApi.get(eventId, mixerId),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? WHILE_RUNNING_MS : false),
  });
}

export function useMixerSeat(eventId: string, mixerId: string) {
  return useQuery({
    queryKey: mixerKeys.seat(eventId, mixerId),
    queryFn: () => mixerApi.mySeat(eventId, mixerId),
    staleTime: 5_000,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? WHILE_RUNNING_MS : false),
  });
}

/** What a mixer's news changes: its list, the mixer itself and my seat, at one event or (without an id) at every event. */
export function refreshMixers(client: QueryClient, eventId?: string) {
  return client.invalidateQueries({
    predicate: (query) => query.queryKey[0] === 'events' && (eventId === undefined || query.queryKey[1] === eventId) && query.queryKey[2] === 'mixers',
  });
}

/** Puts a mixer the server just answered with into the cache, and has the list read again. */
export function storeMixer(client: QueryClient, eventId: string, mixer: Mixer) {
  client.setQueryData(mixerKeys.mixer(eventId, mixer.id), mixer);
  return client.invalidateQueries({ queryKey: mixerKeys.list(eventId) });
}

/**
 * A round's news, put into my seat at once (the message says where I sit and with whom, though
 * not their headlines or my later tables); the full seat is read again right after.
 */
export function seatFromMessage(previous: MixerSeat | undefined, message: MixerRoundMessage): MixerSeat {
  const headlines = new Map((previous?.seat?.with ?? []).map((p) => [p.id, p.headline]));
  return {
    mixerId: message.mixerId,
    name: message.name,
    status: 'running',
    round: message.round,
    rounds: message.rounds,
    roundEndsAt: message.roundEndsAt,
    seat: message.seat && {
      ...message.seat,
      with: message.seat.with.map((p) => ({ ...p, headline: headlines.get(p.id) ?? '' })),
    },
    upcoming: (previous?.upcoming ?? []).filter((u) => u.round > message.round),
    sittingOut: message.seat === null,
  };
}
