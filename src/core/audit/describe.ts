// What an organizer did, in plain words, from an audit entry's action and detail. Entries are
// written by several capabilities over the years: an action this file does not know, or a detail
// without the field a sentence needs, still reads as a sentence.

/** The kinds the audit log can be filtered by. */
export const auditKinds = ['imports', 'check-ins', 'moderation', 'roles'] as const;
export type AuditKind = (typeof auditKinds)[number];

/** Actions by the start of their name, so that an action added later falls into its kind. */
const KIND_PREFIXES: Record<AuditKind, readonly string[]> = {
  imports: ['attendees.'],
  'check-ins': ['attendee.check'],
  moderation: ['post.', 'comment.', 'report.'],
  roles: ['organizer.', 'event.ownership'],
};

export function auditKindPrefixes(kind: AuditKind): readonly string[] {
  return KIND_PREFIXES[kind];
}

export function auditKindOf(action: string): AuditKind | 'other' {
  for (const kind of auditKinds) {
    if (KIND_PREFIXES[kind].some((prefix) => action.startsWith(prefix))) return kind;
  }
  return 'other';
}

export interface AuditWords {
  action: string;
  /** The one who acted; null when their account is gone. */
  actorName: string | null;
  /** The person the action was about; null when there is none or their account is gone. */
  subjectName: string | null;
  /** Whether the actor and the subject are one person (someone checking themselves in). */
  actorIsSubject?: boolean;
  detail: Record<string, unknown>;
}

export const DELETED_ACCOUNT = 'a deleted account';

const FORMAT_NAMES: Record<string, string> = {
  luma: 'Luma',
  eventbrite: 'Eventbrite',
  meetup: 'Meetup',
  generic: 'a spreadsheet',
};

function count(detail: Record<string, unknown>, key: string): number | undefined {
  const value = detail[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function text(detail: Record<string, unknown>, key: string): string | undefined {
  const value = detail[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  if (!trimmed) return undefined;
  return trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
}

const people = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'person' : 'people'}`;
const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
const quoted = (title: string | undefined, otherwise: string) => (title ? `“${title}”` : otherwise);
const possessive = (name: string) => (name === DELETED_ACCOUNT ? `${name}’s` : `${name}’${name.endsWith('s') ? '' : 's'}`);

function describeImport(actor: string, detail: Record<string, unknown>): string {
  const format = text(detail, 'format');
  const source = format ? (FORMAT_NAMES[format.toLowerCase()] ?? format) : undefined;
  const fileName = text(detail, 'fileName');
  const from = source ? ` from ${source}${fileName ? ` (${fileName})` : ''}` : fileName ? ` from ${fileName}` : '';
  // People are those the file made or kept members; skipped rows (declined guests, say) are rows, not people.
  const parts: [string, number | undefined][] = [
    ['new', count(detail, 'created')],
    ['updated', count(detail, 'updated')],
    ['unchanged', count(detail, 'unchanged')],
  ];
  const known = parts.filter((part): part is [string, number] => part[1] !== undefined);
  const total = known.reduce((sum, [, n]) => sum + n, 0);
  const breakdown = known.filter(([, n]) => n > 0).map(([label, n]) => `${n.toLocaleString('en-US')} ${label}`);
  let sentence = known.length > 0 ? `${actor} imported ${people(total)}${from}` : `${actor} imported people${from}`;
  if (breakdown.length > 1 || (breakdown.length === 1 && known.length > 1)) sentence += `: ${breakdown.join(', ')}`;
  const skipped = count(detail, 'skipped');
  if (skipped) sentence += `; ${rows(skipped)} skipped`;
  const errors = count(detail, 'problems') ?? count(detail, 'errors');
  if (errors) {
    sentence += detail.validRowsOnly === true ? `; ${rows(errors)} with problems left out` : `; ${rows(errors)} had problems`;
  }
  return sentence;
}

/** A humane reading of an action this file does not know: "mixer.started" → "mixer started". */
function unknownAction(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words || 'did something';
}

/** The entry as a sentence, starting with a capital ("A deleted account made Bo a co-organizer"). */
export function describeAuditEntry(entry: AuditWords): string {
  const sentence = sentenceOf(entry);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const oneLine = (name: string | null) => name?.replace(/\s+/g, ' ').trim() ?? '';

function sentenceOf(entry: AuditWords): string {
  const actor = oneLine(entry.actorName) || DELETED_ACCOUNT;
  const subject = oneLine(entry.subjectName) || DELETED_ACCOUNT;
  const detail = entry.detail && typeof entry.detail === 'object' ? entry.detail : {};
  const title = text(detail, 'title');
  switch (entry.action) {
    case 'attendees.imported':
      return describeImport(actor, detail);
    case 'attendee.checked_in':
      return entry.actorIsSubject ? `${actor} checked in` : `${actor} checked in ${subject}`;
    case 'attendee.check_in_undone':
      return entry.actorIsSubject ? `${actor} undid their check-in` : `${actor} undid ${possessive(subject)} check-in`;
    case 'organizer.added':
      return `${actor} made ${subject} a co-organizer`;
    case 'organizer.removed':
      return entry.actorIsSubject ? `${actor} stepped down as organizer` : `${actor} removed ${subject} as organizer`;
    case 'event.ownership_transferred':
      return `${actor} transferred ownership to ${subject}`;
    case 'post.published':
      return `${actor} published ${quoted(title, 'a post')}`;
    case 'post.deleted':
      return `${actor} deleted ${title ? `the post “${title}”` : 'a post'}`;
    case 'post.locked':
      return `${actor} closed comments on ${quoted(title, 'a post')}`;
    case 'post.unlocked':
      return `${actor} reopened comments on ${quoted(title, 'a post')}`;
    case 'comment.hidden':
      return oneLine(entry.subjectName) ? `${actor} hid a comment by ${subject}` : `${actor} hid a comment`;
    case 'comment.unhidden':
      return oneLine(entry.subjectName) ? `${actor} showed a comment by ${subject} again` : `${actor} showed a hidden comment again`;
    case 'report.dismissed':
      return oneLine(entry.subjectName) ? `${actor} dismissed a report about a comment by ${subject}` : `${actor} dismissed a report about a comment`;
    default:
      return oneLine(entry.subjectName) ? `${actor}: ${unknownAction(entry.action)} (${subject})` : `${actor}: ${unknownAction(entry.action)}`;
  }
}
