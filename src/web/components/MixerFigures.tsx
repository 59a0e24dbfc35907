import type { MixerFigures as Figures } from '../api/mixers.js';
import { figuresInWords } from '../mixer-words.js';

/** A plan's figures in words, one phrase each, separated by dots on a wide screen. */
export function MixerFigures({ figures, rounds, label = 'How good the plan is' }: { figures: Figures; rounds: number; label?: string }) {
  return (
    <ul className="mixer-figures" aria-label={label}>
      {figuresInWords(figures, rounds).map((line, i) => (
        <li key={i} className={line.warning ? 'is-warning' : undefined}>
          {line.before && `${line.before} `}
          <strong>{line.value}</strong>
          {line.after && ` ${line.after}`}
        </li>
      ))}
    </ul>
  );
}
