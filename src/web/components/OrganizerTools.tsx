import { Link } from 'react-router';

/**
 * The organizers' pages of an event in one row under its tabs, so that each is a tap away from
 * any tab: the cards further down explain them, but the activity log sat below the whole member
 * list and the import behind the Invite tab.
 */
export function OrganizerTools({ eventId }: { eventId: string }) {
  const tools = [
    { to: `/e/${eventId}/posts`, label: 'News' },
    { to: `/e/${eventId}/import`, label: 'Import' },
    { to: `/e/${eventId}/badges`, label: 'Badges' },
    { to: `/e/${eventId}/door`, label: 'Door' },
    { to: `/e/${eventId}/insights`, label: 'Insights' },
    { to: `/e/${eventId}/audit`, label: 'Activity log' },
  ];
  return (
    <nav className="organizer-tools" aria-label="Organizer tools">
      <ul>
        {tools.map((tool) => (
          <li key={tool.to}>
            <Link to={tool.to} className="organizer-tool">
              {tool.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
