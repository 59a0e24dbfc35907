import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/csv/csv.js';
import { figuresCsv, safeCsvCell } from '../../../src/core/insights/figures-csv.js';
import { insightsFigures, interestsInCommon, mixerRepeats, mostHeldInterests } from '../../../src/core/insights/figures.js';
import { groupsOf, layOutPicture } from '../../../src/core/insights/layout.js';
import { escapeXml, pictureSvg, placePicture, scaleInFrame } from '../../../src/core/insights/picture.js';
import {
  encounterWays,
  initialsOf,
  isNewConnection,
  whoMetWhom,
  type InsightsEncounter,
  type InsightsMember,
} from '../../../src/core/insights/who-met-whom.js';

/** An event: members with names no other text contains, encounters among them (and a few with strangers), earlier meetings. */
const eventArbitrary = fc
  .record({
    size: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    named: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    organizers: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    encounters: fc.array(
      fc.record({
        a: fc.integer({ min: 0, max: 42 }),
        b: fc.integer({ min: 0, max: 42 }),
        way: fc.constantFrom(...encounterWays),
        metAt: fc.integer({ min: 0, max: 1000 }),
      }),
      { maxLength: 120 },
    ),
    elsewhere: fc.array(fc.record({ a: fc.integer({ min: 0, max: 39 }), b: fc.integer({ min: 0, max: 39 }), firstMetAt: fc.integer({ min: 0, max: 1000 }) }), {
      maxLength: 30,
    }),
    interests: fc.array(fc.array(fc.constantFrom('Rust', 'rust', 'JS', 'JavaScript', 'Climbing', '=HYPERLINK("http://x")', 'Jazz'), { maxLength: 4 }), {
      minLength: 40,
      maxLength: 40,
    }),
  })
  .map(({ size, seed, named, organizers, encounters, elsewhere, interests }) => {
    const id = (i: number) => `id-${String(i).padStart(3, '0')}-${(i * 7919) % 1000}`;
    const members: InsightsMember[] = Array.from({ length: size }, (_, i) => ({
      id: id(i),
      name: `Person${i}Secretname Q${i}`,
      role: organizers[i] && i % 5 === 0 ? 'organizer' : 'attendee',
      named: named[i]!,
      interests: interests[i]!,
    }));
    const met: InsightsEncounter[] = encounters.map((e) => ({ a: id(e.a), b: id(e.b), way: e.way, metAt: e.metAt }));
    const earlier = elsewhere.map((e) => ({ a: id(e.a), b: id(e.b), firstMetAt: e.firstMetAt }));
    return { members, encounters: met, earlier, seed };
  });

describe('who met whom', () => {
  it('names only people who said yes; the others are "Attendee N" without initials', () => {
    fc.assert(
      fc.property(eventArbitrary, ({ members, encounters, earlier, seed }) => {
        const picture = whoMetWhom(members, encounters, earlier);
        expect(picture.people).toHaveLength(members.length);
        expect(picture.people.filter((p) => p.named)).toHaveLength(members.filter((m) => m.named).length);
        for (const person of picture.people) {
          if (person.named) continue;
          expect(person.label).toMatch(/^(Attendee|Organizer) \d+$/);
          expect(person.initials).toBe('');
        }
        const svg = pictureSvg(placePicture(picture, { seed, iterations: 30 }), { title: 'Who met whom' });
        for (const member of members) {
          expect(svg).not.toContain(member.id);
          if (!member.named) {
            expect(svg).not.toContain(member.name);
            expect(svg).not.toContain(`Secretname Q${members.indexOf(member)}<`);
          }
        }
        const shown = members.filter((m) => m.named).map((m) => m.name);
        const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
        for (const label of labels) {
          if (label.startsWith('Person')) expect(shown.some((name) => name.startsWith(label.replace(/…$/, '')))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts people met and new connections consistently with the links', () => {
    fc.assert(
      fc.property(eventArbitrary, ({ members, encounters, earlier }) => {
        const { people, links } = whoMetWhom(members, encounters, earlier);
        const degree = new Array(people.length).fill(0);
        const fresh = new Array(people.length).fill(0);
        const seen = new Set<string>();
        for (const link of links) {
          expect(link.a).toBeLessThan(link.b);
          expect(seen.has(`${link.a},${link.b}`)).toBe(false);
          seen.add(`${link.a},${link.b}`);
          expect(link.times).toBeGreaterThanOrEqual(link.ways.length);
          degree[link.a]++;
          degree[link.b]++;
          if (link.isNew) {
            fresh[link.a]++;
            fresh[link.b]++;
          }
        }
        people.forEach((person, i) => {
          expect(person.met).toBe(degree[i]);
          expect(person.newlyMet).toBe(fresh[i]);
          expect(person.newlyMet).toBeLessThanOrEqual(person.met);
        });
        const ids = new Set(members.map((m) => m.id));
        const pairsAmongMembers = new Set(
          encounters.filter((e) => e.a !== e.b && ids.has(e.a) && ids.has(e.b)).map((e) => [e.a, e.b].sort().join(' ')),
        );
        expect(links).toHaveLength(pairsAmongMembers.size);
      }),
      { numRuns: 100 },
    );
  });

  it('a connection is new unless the two met elsewhere before their first encounter here', () => {
    expect(isNewConnection(100, undefined)).toBe(true);
    expect(isNewConnection(100, 99)).toBe(false);
    expect(isNewConnection(100, 100)).toBe(true);
    expect(isNewConnection(100, 150)).toBe(true);
    const members: InsightsMember[] = ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), role: 'attendee', named: true, interests: [] }));
    const { people, links } = whoMetWhom(
      members,
      [
        { a: 'a', b: 'b', way: 'scan', metAt: 200 },
        { a: 'b', b: 'a', way: 'meeting', metAt: 50 },
        { a: 'a', b: 'c', way: 'mixer', metAt: 10 },
        { a: 'a', b: 'zz', way: 'tap', metAt: 10 },
      ],
      [
        { a: 'b', b: 'a', firstMetAt: 60 },
        { a: 'c', b: 'a', firstMetAt: 5 },
      ],
    );
    expect(links).toEqual([
      { a: 0, b: 1, times: 2, ways: ['meeting', 'scan'], isNew: true },
      { a: 0, b: 2, times: 1, ways: ['mixer'], isNew: false },
    ]);
    expect(people.map((p) => [p.label, p.met, p.newlyMet])).toEqual([
      ['A', 2, 1],
      ['B', 1, 1],
      ['C', 1, 0],
    ]);
  });

  it('writes initials from the first and last words', () => {
    expect(initialsOf('Ana Maria Lima')).toBe('AL');
    expect(initialsOf('  bo ')).toBe('B');
    expect(initialsOf('Élodie (Lo) Durand')).toBe('ÉD');
    expect(initialsOf('')).toBe('');
  });
});

describe('the figures', () => {
  it('at least three ≤ at least one ≤ attendees who met ≤ attendees, new pairs ≤ pairs met', () => {
    fc.assert(
      fc.property(eventArbitrary, ({ members, encounters, earlier }) => {
        const picture = whoMetWhom(members, encounters, earlier);
        const figures = insightsFigures({ members, encounters, picture, meetings: { requested: 3, accepted: 2, held: 1 }, mixers: [] });
        const { atLeastOne, atLeastThree } = figures.attendeesWithNew;
        expect(atLeastThree).toBeLessThanOrEqual(atLeastOne);
        expect(atLeastOne).toBeLessThanOrEqual(figures.attendeesWhoMet);
        expect(figures.attendeesWhoMet).toBeLessThanOrEqual(figures.attendees);
        expect(figures.attendees + figures.organizers).toBe(members.length);
        expect(figures.newPairs).toBeLessThanOrEqual(figures.pairsMet);
        for (const held of figures.interests.mostHeld) expect(held.people).toBeGreaterThanOrEqual(2);
        for (const common of figures.interests.mostInCommon) expect(common.pairs).toBeLessThanOrEqual(figures.pairsMet);
      }),
      { numRuns: 100 },
    );
  });

  it('counts a mixer’s pairs who sat together again over the rounds played only', () => {
    // Round 1: {0,1} {2,3}; round 2: {0,1,2} {3}; round 3 (not played): {0,3}.
    const seats = [
      [0, 0, 1, 1],
      [0, 0, 0, 1],
      [0, 1, 1, 0],
    ];
    expect(mixerRepeats({ name: 'M', seats, roundsPlayed: 2 })).toEqual({ name: 'M', roundsPlayed: 2, distinctPairs: 4, repeatedPairs: 1, repeatRate: 0.25 });
    expect(mixerRepeats({ name: 'M', seats, roundsPlayed: 0 }).repeatRate).toBeNull();
    // Someone away (-1) sits with nobody.
    expect(mixerRepeats({ name: 'M', seats: [[0, 0, -1], [0, 0, -1]], roundsPlayed: 2 })).toMatchObject({ distinctPairs: 1, repeatedPairs: 1 });
  });

  it('repeated pairs never exceed distinct pairs, nor distinct pairs the pairs there are', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((people) =>
          fc.record({
            seats: fc.array(fc.array(fc.integer({ min: -1, max: 3 }), { minLength: people, maxLength: people }), { maxLength: 6 }),
            roundsPlayed: fc.integer({ min: 0, max: 8 }),
            people: fc.constant(people),
          }),
        ),
        ({ seats, roundsPlayed, people }) => {
          const repeats = mixerRepeats({ name: 'x', seats, roundsPlayed });
          expect(repeats.repeatedPairs).toBeLessThanOrEqual(repeats.distinctPairs);
          expect(repeats.distinctPairs).toBeLessThanOrEqual((people * (people - 1)) / 2);
          expect(repeats.roundsPlayed).toBe(Math.min(roundsPlayed, seats.length));
        },
      ),
    );
  });

  it('reads interests as normalization writes them: "JS" and "JavaScript" are one', () => {
    const member = (id: string, interests: string[]): InsightsMember => ({ id, name: id, role: 'attendee', named: false, interests });
    const members = [member('a', ['JS', 'Rust']), member('b', ['javascript', 'rust', 'rust']), member('c', ['Jazz', 'JavaScript']), member('d', ['Jazz'])];
    expect(mostHeldInterests(members)).toEqual([
      { interest: 'JavaScript', people: 3 },
      { interest: 'Jazz', people: 2 },
      { interest: 'Rust', people: 2 },
    ]);
    const encounters: InsightsEncounter[] = [
      { a: 'a', b: 'b', way: 'scan', metAt: 1 },
      { a: 'b', b: 'a', way: 'meeting', metAt: 2 },
      { a: 'c', b: 'd', way: 'mixer', metAt: 1 },
      { a: 'a', b: 'c', way: 'mixer', metAt: 1 },
    ];
    expect(interestsInCommon(members, encounters)).toEqual([
      { interest: 'JavaScript', pairs: 2 },
      { interest: 'Jazz', pairs: 1 },
      { interest: 'Rust', pairs: 1 },
    ]);
  });
});

describe('the layout', () => {
  const graphArbitrary = fc.integer({ min: 0, max: 60 }).chain((n) =>
    fc.record({
      radii: fc.array(fc.double({ min: 1, max: 20, noNaN: true }), { minLength: n, maxLength: n }),
      links: fc.array(fc.record({ a: fc.integer({ min: -1, max: n }), b: fc.integer({ min: -1, max: n }), weight: fc.integer({ min: 1, max: 4 }) }), {
        maxLength: n * 3,
      }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    }),
  );

  it('places every circle, finite, inside the picture; the same seed gives the same layout', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ radii, links, seed }) => {
        const layout = layOutPicture(radii, links, { seed, iterations: 60 });
        expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
        radii.forEach((r, i) => {
          const [x, y] = [layout.x[i]!, layout.y[i]!];
          expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
          expect(x - r).toBeGreaterThanOrEqual(-1e-6);
          expect(y - r).toBeGreaterThanOrEqual(-1e-6);
          expect(x + r).toBeLessThanOrEqual(layout.width + 1e-6);
          expect(y + r).toBeLessThanOrEqual(layout.height + 1e-6);
        });
        expect(layOutPicture(radii, links, { seed, iterations: 60 })).toEqual(layout);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps circles from overlapping, and sets people who met nobody apart in their own block', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ radii, links, seed }) => {
        const layout = layOutPicture(radii, links, { seed, iterations: 100 });
        for (let i = 0; i < radii.length; i++) {
          for (let j = i + 1; j < radii.length; j++) {
            const d = Math.hypot(layout.x[i]! - layout.x[j]!, layout.y[i]! - layout.y[j]!);
            expect(d).toBeGreaterThanOrEqual(radii[i]! + radii[j]! - 0.5);
          }
        }
        const loners = groupsOf(radii.length, links).filter((g) => g.length === 1).map((g) => g[0]!);
        if (loners.length === 0) expect(layout.loners).toBeNull();
        for (const i of loners) {
          const box = layout.loners!;
          expect(layout.y[i]!).toBeGreaterThanOrEqual(box.y);
          expect(layout.y[i]!).toBeLessThanOrEqual(box.y + box.height);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('depends on the seed', () => {
    const radii = Array.from({ length: 30 }, () => 6);
    const links = Array.from({ length: 29 }, (_, i) => ({ a: i, b: i + 1 }));
    expect(layOutPicture(radii, links, { seed: 1 }).x).not.toEqual(layOutPicture(radii, links, { seed: 2 }).x);
  });
});

describe('the picture', () => {
  it('draws a circle per person inside the viewBox, and escapes what it writes', () => {
    fc.assert(
      fc.property(eventArbitrary, fc.string(), ({ members, encounters, earlier, seed }, title) => {
        const placed = placePicture(whoMetWhom(members, encounters, earlier), { seed, iterations: 30 });
        const svg = pictureSvg(placed, { title });
        const [, , width, height] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as number[];
        const people = [...svg.matchAll(/<g class="person"[^>]*>.*?<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)"/g)];
        expect(people).toHaveLength(members.length);
        for (const [, cx, cy, r] of people) {
          expect(Number(cx) - Number(r)).toBeGreaterThanOrEqual(0);
          expect(Number(cy) - Number(r)).toBeGreaterThanOrEqual(0);
          expect(Number(cx) + Number(r)).toBeLessThanOrEqual(width!);
          expect(Number(cy) + Number(r)).toBeLessThanOrEqual(height!);
        }
        expect(svg).toContain(`<title>${escapeXml(title)}</title>`);
        expect(svg.replace(/<\/?(svg|title|desc|rect|g|circle|line|text)\b[^>]*>/g, '')).not.toMatch(/[<>]/);
      }),
      { numRuns: 40 },
    );
  });

  it('in a frame of any shape, keeps every circle inside the viewBox, clear of the legend, and never draws people smaller there than with the legend above', () => {
    const frameArbitrary = fc.record({ width: fc.integer({ min: 200, max: 2400 }), height: fc.integer({ min: 200, max: 1600 }) });
    const boxOf = (svg: string) => /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
    fc.assert(
      fc.property(eventArbitrary, frameArbitrary, ({ members, encounters, earlier, seed }, frame) => {
        const placed = placePicture(whoMetWhom(members, encounters, earlier), { seed, iterations: 30 });
        const framed = pictureSvg(placed, { title: 't', frame });
        const [width, height] = boxOf(framed);
        const [aboveWidth, aboveHeight] = boxOf(pictureSvg(placed, { title: 't' }));
        expect(scaleInFrame(width, height, frame)).toBeGreaterThanOrEqual(scaleInFrame(aboveWidth, aboveHeight, frame));
        const legendSymbols = [...framed.matchAll(/<g class="legend">(.*?)<\/g>/g)][0]![1]!;
        const legendRight = Math.max(...[...legendSymbols.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)</g)].map(([, x, t]) => Number(x) + t!.length * 11 * 0.6));
        const legendBottom = Math.max(...[...legendSymbols.matchAll(/ y="([\d.]+)"/g)].map(([, y]) => Number(y)));
        const people = [...framed.matchAll(/<g class="person"[^>]*>.*?<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)"/g)];
        expect(people).toHaveLength(members.length);
        for (const [, cx, cy, r] of people) {
          const [x, y, radius] = [Number(cx), Number(cy), Number(r)];
          expect(x - radius).toBeGreaterThanOrEqual(0);
          expect(y - radius).toBeGreaterThanOrEqual(0);
          expect(x + radius).toBeLessThanOrEqual(width);
          expect(y + radius).toBeLessThanOrEqual(height);
          // Below the legend's last row or right of its longest text.
          expect(y - radius > legendBottom || x - radius > legendRight).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('puts the legend beside a tall crowd on a wide screen, and above it on a phone', () => {
    const members: InsightsMember[] = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, name: `Person ${i}`, role: 'attendee', named: true, interests: [] }));
    const encounters = members.flatMap((m, i) => [1, 2, 3].map((k) => ({ a: m.id, b: members[(i + k * 7) % members.length]!.id, way: 'scan' as const, metAt: i * 10 + k })));
    const placed = placePicture(whoMetWhom(members, encounters), { seed: 3 });
    const boxOf = (svg: string) => /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
    const [wide, wideHeight] = boxOf(pictureSvg(placed, { title: 't', frame: { width: 1600, height: 600 } }));
    const [phone, phoneHeight] = boxOf(pictureSvg(placed, { title: 't', frame: { width: 330, height: 650 } }));
    const [above, aboveHeight] = boxOf(pictureSvg(placed, { title: 't' }));
    expect([phone, phoneHeight]).toEqual([above, aboveHeight]);
    expect(wide / wideHeight).toBeGreaterThan(above / aboveHeight);
    expect(scaleInFrame(wide, wideHeight, { width: 1600, height: 600 })).toBeGreaterThan(scaleInFrame(above, aboveHeight, { width: 1600, height: 600 }));
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>\u0001`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;');
    const members: InsightsMember[] = [
      { id: 'x', name: '<img src=x onerror=alert(1)>', role: 'attendee', named: true, interests: [] },
      { id: 'y', name: 'Bo', role: 'attendee', named: true, interests: [] },
    ];
    const svg = pictureSvg(placePicture(whoMetWhom(members, [{ a: 'x', b: 'y', way: 'scan', metAt: 1 }]), { seed: 1 }), { title: 't' });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the figures as CSV', () => {
  it('neutralizes every cell a spreadsheet could run, and reads back as written', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r', ''), (text, start) => {
        const value = start + text;
        const [row] = parseCsv(`x\r\n${safeCsvCell(value)}\r\n`).rows;
        const cell = row?.cells[0] ?? '';
        if (/^[=+\-@\t\r]/.test(value)) expect(cell).toBe(`'${value}`);
        else expect(cell).toBe(value);
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it('writes each figure in a row, interests and mixer names neutralized', () => {
    const members: InsightsMember[] = ['a', 'b', 'c'].map((id) => ({ id, name: id, role: 'attendee', named: true, interests: ['=HYPERLINK("http://x.example")', '+Gardening'] }));
    const encounters: InsightsEncounter[] = [{ a: 'a', b: 'b', way: 'meeting', metAt: 1 }];
    const picture = whoMetWhom(members, encounters);
    const figures = insightsFigures({ members, encounters, picture, meetings: { requested: 4, accepted: 2, held: 1 }, mixers: [{ name: '+Mixer', seats: [[0, 0, 1]], roundsPlayed: 1 }] });
    const { header, rows } = parseCsv(figuresCsv(figures));
    expect(header).toEqual(['section', 'subject', 'measure', 'value']);
    const value = (section: string, measure: string, subject = '') => rows.find((r) => r.cells[0] === section && r.cells[1] === subject && r.cells[2] === measure)?.cells[3];
    expect(value('people', 'attendees with at least 1 new encounter')).toBe('2');
    expect(value('meetings', 'requested')).toBe('4');
    expect(value('meetings', 'held')).toBe('1');
    expect(value('mixer', 'repeat rate', "'+Mixer")).toBe('0');
    expect(value('interest held', 'people', `'=HYPERLINK("http://x.example")`)).toBe('3');
    expect(value('interest held', 'people', "'+Gardening")).toBe('3');
    for (const row of rows) for (const cell of row.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
