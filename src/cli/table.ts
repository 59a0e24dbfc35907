/** A plain-text table: a header row, then one row per entry, columns padded to fit. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `2026-10-01 18:00` in the given time zone. */
function localParts(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** When an event happens, in its own time zone: `2026-10-01 18:00–22:00 Europe/Lisbon`. */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string): string {
  let start, end;
  try {
    start = localParts(startsAt, timeZone);
    end = localParts(endsAt, timeZone);
  } catch {
    start = localParts(startsAt, 'UTC');
    end = localParts(endsAt, 'UTC');
    timeZone = 'UTC';
  }
  const until = end.date === start.date ? end.time : `${end.date} ${end.time}`;
  return `${start.date} ${start.time}–${until} ${timeZone}`;
}
