import { Fragment, useMemo } from 'react';
import { parseNote, type NoteInline } from '../../core/memory/note-format.js';

/**
 * A private note with its light formatting (bold, italic, code, links, lists), built from React
 * elements only: whatever the note holds is shown as text, never read as HTML.
 */
export function NoteText({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseNote(text), [text]);
  if (blocks.length === 0) return null;
  return (
    <div className={`note-text${className ? ` ${className}` : ''}`}>
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <ul key={index}>
            {block.items.map((item, i) => (
              <li key={i}>
                <Inlines inlines={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={index}>
            {block.lines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                <Inlines inlines={line} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

function Inlines({ inlines }: { inlines: NoteInline[] }) {
  return inlines.map((inline, i) => {
    switch (inline.kind) {
      case 'strong':
        return <strong key={i}>{inline.text}</strong>;
      case 'em':
        return <em key={i}>{inline.text}</em>;
      case 'code':
        return <code key={i}>{inline.text}</code>;
      case 'link':
        return (
          <a key={i} href={inline.href} target="_blank" rel="noopener noreferrer">
            {inline.text}
          </a>
        );
      default:
        return <Fragment key={i}>{inline.text}</Fragment>;
    }
  });
}
