/**
 * The who-met-whom picture: people placed by the layout, then drawn as one SVG document with a
 * legend, names beside circles where they fit (initials inside otherwise), and nothing of
 * anyone who did not say yes to being named but "Attendee N". Pure: the same picture gives the
 * same text, on the server (picture.svg) and in the browser (the page and its PNG export).
 */
import { layOutPicture, type Box, type LayoutOptions } from './layout.js';
import type { LinkInPicture, PersonInPicture, WhoMetWhom } from './who-met-whom.js';

export interface PlacedPerson extends PersonInPicture {
  x: number;
  y: number;
  r: number;
}

export interface PlacedPicture {
  width: number;
  height: number;
  people: PlacedPerson[];
  links: LinkInPicture[];
  /** Where the people who met nobody are gathered; null when everyone met someone. */
  loners: Box | null;
}

export const SMALLEST_RADIUS = 4;
export const LARGEST_RADIUS = 14;
const CAPTION_ROOM = 18;

/** Bigger for more people met: area grows with the count, from SMALLEST_RADIUS (met nobody) to LARGEST_RADIUS. */
export function radiusFor(met: number, mostMet: number): number {
  if (!(met > 0) || !(mostMet > 0)) return SMALLEST_RADIUS;
  return SMALLEST_RADIUS + (LARGEST_RADIUS - SMALLEST_RADIUS) * Math.sqrt(Math.min(1, met / mostMet));
}

/** Lays the picture out: radii from the people met, links pulling by how often the two met. */
export function placePicture(picture: WhoMetWhom, options: LayoutOptions): PlacedPicture {
  const mostMet = picture.people.reduce((most, p) => Math.max(most, p.met), 0);
  const radii = picture.people.map((p) => radiusFor(p.met, mostMet));
  const layout = layOutPicture(
    radii,
    picture.links.map((l) => ({ a: l.a, b: l.b, weight: l.times })),
    { captionRoom: CAPTION_ROOM, ...options },
  );
  return {
    width: layout.width,
    height: layout.height,
    people: picture.people.map((person, i) => ({ ...person, x: layout.x[i]!, y: layout.y[i]!, r: radii[i]! })),
    links: picture.links,
    loners: layout.loners,
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing

export const pictureColors = {
  manyNew: '#1d6b58',
  someNew: '#6cb59d',
  knownOnly: '#c98a1b',
  nobody: '#ddd7cd',
  nobodyStroke: '#8c8479',
  organizer: '#1f1d1a',
  newLink: '#1d6b58',
  knownLink: '#8c8479',
  text: '#1f1d1a',
  muted: '#5b554d',
  background: '#ffffff',
} as const;

const MARGIN = 16;
const FONT_SIZE = 10;
const LEGEND_FONT_SIZE = 11;
/** An estimate of a character's width, in font sizes, erring wide so that labels rarely touch. */
const CHARACTER_WIDTH = 0.6;
const LONGEST_LABEL = 24;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** Text as XML allows it: characters XML 1.0 forbids dropped, markup characters escaped. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are the characters being removed
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const round = (value: number) => Math.round(value * 10) / 10;

function fillOf(person: PersonInPicture): string {
  if (person.newlyMet >= 3) return pictureColors.manyNew;
  if (person.newlyMet >= 1) return pictureColors.someNew;
  if (person.met >= 1) return pictureColors.knownOnly;
  return pictureColors.nobody;
}

function shortLabel(label: string): string {
  const characters = [...label];
  return characters.length <= LONGEST_LABEL ? label : `${characters.slice(0, LONGEST_LABEL - 1).join('').trimEnd()}…`;
}

function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHARACTER_WIDTH;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (p: Rect, q: Rect) => p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;

/** Rectangles kept in grid cells, to ask quickly whether a new one overlaps any. */
class Occupied {
  private readonly cells = new Map<string, Rect[]>();
  constructor(private readonly cell: number) {}

  private *keys(rect: Rect) {
    for (let cx = Math.floor(rect.left / this.cell); cx <= Math.floor(rect.right / this.cell); cx++) {
      for (let cy = Math.floor(rect.top / this.cell); cy <= Math.floor(rect.bottom / this.cell); cy++) yield `${cx},${cy}`;
    }
  }

  add(rect: Rect) {
    for (const key of this.keys(rect)) {
      const list = this.cells.get(key);
      if (list) list.push(rect);
      else this.cells.set(key, [rect]);
    }
  }

  hits(rect: Rect, except?: Rect): boolean {
    for (const key of this.keys(rect)) {
      for (const other of this.cells.get(key) ?? []) if (other !== except && overlaps(rect, other)) return true;
    }
    return false;
  }
}

interface LegendEntry {
  draw: (x: number, y: number) => string;
  text: string;
  /** The symbol's width before the text. */
  symbol: number;
}

function legendEntries(): LegendEntry[] {
  const dot = (fill: string, stroke = 'none', strokeWidth = 0) => (x: number, y: number) =>
    `<circle cx="${x + 6}" cy="${y}" r="6" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`;
  const line = (color: string, dashed: boolean) => (x: number, y: number) =>
    `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${color}" stroke-width="2.5"${dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
  return [
    { draw: dot(pictureColors.manyNew), text: 'Met 3+ new people', symbol: 12 },
    { draw: dot(pictureColors.someNew), text: 'Met 1–2 new people', symbol: 12 },
    { draw: dot(pictureColors.knownOnly), text: 'Met only people known before', symbol: 12 },
    { draw: dot(pictureColors.nobody, pictureColors.nobodyStroke, 1), text: 'Met nobody here yet', symbol: 12 },
    { draw: dot('#ffffff', pictureColors.organizer, 2.5), text: 'Organizer (dark ring)', symbol: 12 },
    { draw: line(pictureColors.newLink, false), text: 'First time they met', symbol: 18 },
    { draw: line(pictureColors.knownLink, true), text: 'Had met before', symbol: 18 },
    {
      draw: (x, y) => `<circle cx="${x + 3}" cy="${y}" r="3" fill="${pictureColors.muted}"/><circle cx="${x + 15}" cy="${y}" r="6" fill="${pictureColors.muted}"/>`,
      text: 'Bigger: met more people',
      symbol: 21,
    },
    {
      draw: (x, y) =>
        `<line x1="${x}" y1="${y - 3}" x2="${x + 18}" y2="${y - 3}" stroke="${pictureColors.muted}" stroke-width="1"/><line x1="${x}" y1="${y + 3}" x2="${x + 18}" y2="${y + 3}" stroke="${pictureColors.muted}" stroke-width="3.4"/>`,
      text: 'Thicker line: met more often',
      symbol: 18,
    },
  ];
}

/** The legend's rows within `width`, and their height. */
function drawLegend(width: number): { svg: string; height: number; widest: number } {
  const rowHeight = 18;
  const entries = legendEntries();
  const parts: string[] = [];
  let [x, y, widest] = [0, rowHeight / 2, 0];
  for (const entry of entries) {
    const entryWidth = entry.symbol + 5 + textWidth(entry.text, LEGEND_FONT_SIZE) * 0.92;
    if (x > 0 && x + entryWidth > width) {
      x = 0;
      y += rowHeight;
    }
    parts.push(entry.draw(MARGIN + x, MARGIN + y));
    parts.push(
      `<text x="${round(MARGIN + x + entry.symbol + 5)}" y="${round(MARGIN + y + LEGEND_FONT_SIZE * 0.35)}" font-size="${LEGEND_FONT_SIZE}" fill="${pictureColors.text}">${escapeXml(entry.text)}</text>`,
    );
    x += entryWidth + 16;
    widest = Math.max(widest, x - 16);
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: y + rowHeight / 2 + 12, widest };
}

function describe(person: PlacedPerson): string {
  if (person.met === 0) return `${person.label}: met nobody here yet`;
  const people = person.met === 1 ? '1 person' : `${person.met} people`;
  return `${person.label}: met ${people} here, ${person.newlyMet} of them for the first time`;
}

/** The picture's title, the same on the server's file and in the web app. */
export const pictureTitle = (eventName: string) => `Who met whom at ${eventName}`;

export interface PictureText {
  /** Said first, e.g. "Who met whom at Autumn Mixer". */
  title: string;
  /**
   * The shape of the place the picture is shown in (any unit). The legend then goes beside the
   * people instead of above them when that draws them bigger there: a tall crowd on a wide screen.
   */
  frame?: { width: number; height: number };
}

const SIDE_GAP = 24;

interface Arrangement {
  legend: { svg: string; height: number; widest: number };
  /** Where the people's area starts. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Where names may be written. */
  bounds: Rect;
}

function arrangeAbove(picture: PlacedPicture): Arrangement {
  // The legend wraps to the picture's width (a narrow picture stays narrow, and big on a phone).
  const legend = drawLegend(Math.max(picture.width, 300));
  const top = MARGIN + legend.height;
  const width = Math.ceil(Math.max(picture.width, legend.widest) + 2 * MARGIN);
  const height = Math.ceil(top + picture.height + MARGIN);
  return { legend, left: MARGIN, top, width, height, bounds: { left: 0, top, right: width, bottom: height } };
}

function arrangeBeside(picture: PlacedPicture): Arrangement {
  // One entry a row, in a column on the left.
  const legend = drawLegend(0);
  const left = MARGIN + legend.widest + SIDE_GAP;
  const width = Math.ceil(left + picture.width + MARGIN);
  const height = Math.ceil(MARGIN + Math.max(legend.height, picture.height) + MARGIN);
  return { legend, left, top: MARGIN, width, height, bounds: { left: left - SIDE_GAP / 2, top: 0, right: width, bottom: height } };
}

/** How much a drawing of `width` × `height` is scaled to fit whole in `frame`. */
export function scaleInFrame(width: number, height: number, frame: { width: number; height: number }): number {
  return Math.min(frame.width / width, frame.height / height);
}

function arrange(picture: PlacedPicture, frame: PictureText['frame']): Arrangement {
  const above = arrangeAbove(picture);
  if (!frame || !(frame.width > 0) || !(frame.height > 0) || !Number.isFinite(frame.width) || !Number.isFinite(frame.height)) return above;
  const beside = arrangeBeside(picture);
  // Beside only when it is clearly bigger: above reads first and suits a phone.
  return scaleInFrame(beside.width, beside.height, frame) > 1.05 * scaleInFrame(above.width, above.height, frame) ? beside : above;
}

/**
 * The picture as an SVG document: white background, legend on top, links, people, labels. Every
 * coordinate lies inside the viewBox. Text is escaped; the only names written are the labels of
 * people who said yes to being named.
 */
export function pictureSvg(picture: PlacedPicture, text: PictureText): string {
  const { legend, left, top, width, height, bounds } = arrange(picture, text.frame);
  const at = (person: PlacedPerson) => ({ x: left + person.x, y: top + person.y });

  const links = picture.links
    .filter((l) => picture.people[l.a] && picture.people[l.b])
    .map((link) => {
      const p = at(picture.people[link.a]!);
      const q = at(picture.people[link.b]!);
      const strokeWidth = round(1 + Math.min(3, link.times - 1) * 0.8);
      const style = link.isNew
        ? `stroke="${pictureColors.newLink}" stroke-opacity="0.45"`
        : `stroke="${pictureColors.knownLink}" stroke-opacity="0.55" stroke-dasharray="4 3"`;
      return `<line x1="${round(p.x)}" y1="${round(p.y)}" x2="${round(q.x)}" y2="${round(q.y)}" stroke-width="${strokeWidth}" ${style}/>`;
    });

  // Names where they fit: the people who met the most first; never over another circle or name.
  const occupied = new Occupied(40);
  const circles = picture.people.map((person) => {
    const { x, y } = at(person);
    const rect = { left: x - person.r, top: y - person.r, right: x + person.r, bottom: y + person.r };
    occupied.add(rect);
    return rect;
  });
  if (picture.loners) {
    // The caption of the people who met nobody.
    const captionLeft = left + picture.loners.x;
    occupied.add({
      left: captionLeft,
      top: top + picture.loners.y,
      right: captionLeft + textWidth('Met nobody here yet (0000)', LEGEND_FONT_SIZE),
      bottom: top + picture.loners.y + 16,
    });
  }
  const labelled = new Set<number>();
  const labels: string[] = [];
  const byImportance = picture.people.map((_, i) => i).sort((i, j) => picture.people[j]!.met - picture.people[i]!.met || i - j);
  for (const i of byImportance) {
    const person = picture.people[i]!;
    if (!person.named) continue;
    const label = shortLabel(person.label);
    const { x, y } = at(person);
    const w = textWidth(label, FONT_SIZE);
    const h = FONT_SIZE * 1.2;
    const candidates: { rect: Rect; textX: number; textY: number; anchor: 'start' | 'end' | 'middle' }[] = [
      { rect: { left: x + person.r + 3, top: y - h / 2, right: x + person.r + 3 + w, bottom: y + h / 2 }, textX: x + person.r + 3, textY: y + FONT_SIZE * 0.35, anchor: 'start' },
      { rect: { left: x - person.r - 3 - w, top: y - h / 2, right: x - person.r - 3, bottom: y + h / 2 }, textX: x - person.r - 3, textY: y + FONT_SIZE * 0.35, anchor: 'end' },
      { rect: { left: x - w / 2, top: y + person.r + 2, right: x + w / 2, bottom: y + person.r + 2 + h }, textX: x, textY: y + person.r + 2 + FONT_SIZE, anchor: 'middle' },
      { rect: { left: x - w / 2, top: y - person.r - 2 - h, right: x + w / 2, bottom: y - person.r - 2 }, textX: x, textY: y - person.r - 2 - FONT_SIZE * 0.25, anchor: 'middle' },
    ];
    const fits = candidates.find(
      (c) => c.rect.left >= bounds.left && c.rect.right <= bounds.right && c.rect.top >= bounds.top && c.rect.bottom <= bounds.bottom && !occupied.hits(c.rect, circles[i]),
    );
    if (!fits) continue;
    occupied.add({ left: fits.rect.left - 3, top: fits.rect.top - 1, right: fits.rect.right + 3, bottom: fits.rect.bottom + 1 });
    labelled.add(i);
    labels.push(
      `<text x="${round(fits.textX)}" y="${round(fits.textY)}" text-anchor="${fits.anchor}" font-size="${FONT_SIZE}" fill="${pictureColors.text}">${escapeXml(label)}</text>`,
    );
  }

  const people = picture.people.map((person, i) => {
    const { x, y } = at(person);
    const fill = fillOf(person);
    const stroke =
      person.role === 'organizer'
        ? ` stroke="${pictureColors.organizer}" stroke-width="2.5"`
        : fill === pictureColors.nobody
          ? ` stroke="${pictureColors.nobodyStroke}" stroke-width="1"`
          : ` stroke="#ffffff" stroke-width="1"`;
    const circle = `<circle cx="${round(x)}" cy="${round(y)}" r="${round(person.r)}" fill="${fill}"${stroke}/>`;
    const initials =
      person.named && !labelled.has(i) && person.initials && person.r >= 7
        ? `<text x="${round(x)}" y="${round(y + person.r * 0.3)}" text-anchor="middle" font-size="${round(person.r * 0.85)}" font-weight="600" fill="${fill === pictureColors.nobody ? pictureColors.text : '#ffffff'}">${escapeXml(person.initials)}</text>`
        : '';
    return `<g class="person" data-named="${person.named}" data-role="${person.role}"><title>${escapeXml(describe(person))}</title>${circle}${initials}</g>`;
  });

  const lonerCount = picture.people.filter((p) => p.met === 0).length;
  const caption = picture.loners
    ? `<text x="${round(left + picture.loners.x)}" y="${round(top + picture.loners.y + 12)}" font-size="${LEGEND_FONT_SIZE}" fill="${pictureColors.muted}">${escapeXml(`Met nobody here yet (${lonerCount})`)}</text>`
    : '';
  const pairs = picture.links.length;
  const summary = `${picture.people.length} ${picture.people.length === 1 ? 'person' : 'people'}, ${pairs} ${pairs === 1 ? 'pair' : 'pairs'} who met.`;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`${text.title}. ${summary}`)}" font-family="${FONT}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<desc>${escapeXml(summary)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${pictureColors.background}"/>`,
    legend.svg,
    caption,
    `<g class="links" fill="none" stroke-linecap="round">${links.join('')}</g>`,
    `<g class="people">${people.join('')}</g>`,
    `<g class="labels">${labels.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
