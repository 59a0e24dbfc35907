import type { Mixer } from '../api/mixers.js';

/** Above this many rounds the grid is too wide for a screen: one block per round instead. */
const GRID_MAX_ROUNDS = 8;

/** Who sits where: rounds across and tables down on a wide screen, a block per round on a phone. */
export function MixerPlanGrid({ mixer, highlightRound }: { mixer: Pick<Mixer, 'participants' | 'plan'>; highlightRound?: number }) {
  const names = new Map(mixer.participants.map((p) => [p.id, p.name]));
  const nameOf = (id: string) => names.get(id) ?? 'Someone who left';
  // Hosts stay at their table: said beside their name, so a name in every round of one row is no surprise.
  const hosts = new Set(mixer.participants.filter((p) => p.pinnedTable !== null).map((p) => p.id));
  const inWords = (id: string) => (hosts.has(id) ? `${nameOf(id)} (host)` : nameOf(id));
  const rounds = mixer.plan.rounds;
  const labels = new Map<number, string>();
  for (const round of rounds) for (const table of round.tables) if (!labels.has(table.table)) labels.set(table.table, table.label);
  const tables = [...labels.keys()].sort((a, b) => a - b);
  const at = new Map(rounds.flatMap((round) => round.tables.map((table) => [`${round.round}|${table.table}`, table.people] as const)));
  const wide = rounds.length > GRID_MAX_ROUNDS;
  const openRound = highlightRound && highlightRound > 0 ? highlightRound : rounds[0]?.round;

  return (
    <div className={`mixer-plan${wide ? ' is-wide' : ''}`}>
      <div className="grid-scroll mixer-grid-scroll" role="region" aria-label="The plan by table and round" tabIndex={0}>
        <table className="schedule-grid mixer-grid">
          <thead>
            <tr>
              <th scope="col">Table</th>
              {rounds.map((round) => (
                <th key={round.round} scope="col" className={round.round === highlightRound ? 'is-current' : undefined}>
                  Round {round.round}
                  {round.round === highlightRound && <span className="grid-hint">now</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tables.map((table) => (
              <tr key={table}>
                <th scope="row">{labels.get(table)}</th>
                {rounds.map((round) => {
                  const people = at.get(`${round.round}|${table}`) ?? [];
                  return (
                    <td key={round.round} className={round.round === highlightRound ? 'is-current' : undefined}>
                      {people.length === 0 ? (
                        <span className="grid-free" aria-label="empty">
                          –
                        </span>
                      ) : (
                        <span className="grid-pair">
                          {people.map((id) => (
                            <span key={id} className="grid-name">
                              {nameOf(id)}
                              {hosts.has(id) && (
                                <>
                                  {' '}
                                  <span className="mixer-host-tag">host</span>
                                </>
                              )}
                            </span>
                          ))}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ol className="mixer-round-blocks" aria-label="The plan by round">
        {rounds.map((round) => (
          <li key={round.round}>
            <details className={`slot-block mixer-round-block${round.round === highlightRound ? ' is-current' : ''}`} open={round.round === openRound}>
              <summary className="slot-block-title">
                Round {round.round}
                {round.round === highlightRound && <span className="badge badge-shared">Now</span>}
              </summary>
              <ul className="slot-block-list">
                {round.tables.map((table) => (
                  <li key={table.table}>
                    <span className="slot-block-table">{table.label}</span>
                    <span>{table.people.map(inWords).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
