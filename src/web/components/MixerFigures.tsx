import type { ReactNode } from 'react';
import type { MixerFigures as Figures } from '../api/mixers.js';
import { boundInWords, figuresInWords, type FigureContext } from '../mixer-words.js';

/**
 * A plan's figures in words, one phrase each, separated by dots on a wide screen, and what they
 * mean one tap away (the bound with this mixer's own numbers).
 */
export function MixerFigures({
  figures,
  context,
  label = 'How good the plan is',
  children,
}: {
  figures: Figures;
  context: FigureContext;
  label?: string;
  /** Said right under the figures, before what they mean (the plan's rules). */
  children?: ReactNode;
}) {
  return (
    <div className="stack-xs">
      <ul className="mixer-figures" aria-label={label}>
        {figuresInWords(figures, context).map((line, i) => (
          <li key={i} className={line.warning ? 'is-warning' : undefined}>
            {line.before && `${line.before} `}
            <strong>{line.value}</strong>
            {line.after && ` ${line.after}`}
          </li>
        ))}
      </ul>
      {children}
      <details className="mixer-figures-help">
        <summary>What these figures mean</summary>
        <dl>
          <dt>Repeats</dt>
          <dd>
            Each time two people share a table again, after sitting together in an earlier round (or meeting earlier at this event). A pair at one table three times
            counts two.
          </dd>
          <dt>Rounds free of repeats</dt>
          <dd>
            {boundInWords(context, figures.bound)}
            {context.rounds > figures.bound ? ` This mixer has ${context.rounds} rounds, so some repeats cannot be avoided.` : ''}
          </dd>
          <dt>A simple round-by-round plan</dt>
          <dd>What seating each round in turn, without looking ahead, would give: the repeats this plan saves.</dd>
          <dt>People met</dt>
          <dd>How many different people each person sits with over all the rounds, on average.</dd>
          <dt>Common ground score</dt>
          <dd>
            What the people at each table share (interests, and what one offers that another is looking for), added up over everyone who meets. Higher means more
            to talk about. Use it to compare plans for the same people.
          </dd>
          <dt>Keep-apart pairs and hosts</dt>
          <dd>They come first: keeping two people apart, or a host at one table, can cost a repeat elsewhere.</dd>
        </dl>
      </details>
    </div>
  );
}
