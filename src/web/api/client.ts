import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];
export type Account = Schemas['Account'];
export type EventView = Schemas['Event'];
export type DirectoryEntry = Schemas['DirectoryEntry'];
export type Member = Schemas['Member'];
export type MyMembership = Schemas['MyMembership'];
export type Invite = Schemas['Invite'];
export type InvitePreview = Schemas['InvitePreview'];
export type MyProfile = Schemas['MyProfile'];
export type MemberProfile = Schemas['MemberProfile'];
export type ApiToken = Schemas['ApiToken'];
export type NewApiToken = Schemas['NewApiToken'];
export type PeopleToMeet = Schemas['PeopleToMeet'];
export type Suggestion = Schemas['Suggestion'];
export type SuggestionReason = Schemas['SuggestionReason'];
export type BlockedPerson = Schemas['BlockedPerson'];
export type SavedPerson = Schemas['SavedPerson'];
export type SavedPeople = Schemas['SavedPeople'];
export type MeetingSlot = Schemas['MeetingSlot'];
export type MeetingTable = Schemas['MeetingTable'];
export type PersonBrief = Schemas['PersonBrief'];
export type SentMeetingRequest = Schemas['SentMeetingRequest'];
export type ReceivedMeetingRequest = Schemas['ReceivedMeetingRequest'];
export type Meeting = Schemas['Meeting'];
export type Encounter = Schemas['Encounter'];
export type AppNotification = Schemas['Notification'];

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

/**
 * A failed API call, from an RFC 9457 problem body. `fields` maps a form field (the JSON
 * pointer below `/body`, dot-separated: `/body/contact/email` → `contact.email`) to its message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly fields: Record<string, string>;

  constructor(status: number, problem: ProblemBody | undefined) {
    const detail = problem?.detail ?? (status === 0 ? 'The server could not be reached. Check your connection and try again.' : 'Something went wrong. Please try again.');
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem?.title ?? 'Error';
    this.fields = {};
    for (const { pointer, detail: message } of problem?.errors ?? []) {
      const field = fieldOfPointer(pointer);
      if (field && !(field in this.fields)) this.fields[field] = message;
    }
  }

  get isNotFound() {
    return this.status === 404;
  }
}

export function fieldOfPointer(pointer: string): string | undefined {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] !== 'body') return undefined;
  return parts.slice(1).join('.') || undefined;
}

/**
 * The message for one form field: its own error or the first error inside it
 * (`interests` also answers for `interests.3`).
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.fields[field]) return error.fields[field];
  const inside = Object.keys(error.fields).find((key) => key.startsWith(`${field}.`));
  return inside ? error.fields[inside] : undefined;
}

/** The message for the whole form: the problem's detail. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, undefined);
  }
  if (!result.response.ok) throw new ApiError(result.response.status, result.error as ProblemBody | undefined);
  return result.data as T;
}
