function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}

/** Initials in a circle: people have faces, but we do not ask for photos. */
export function Avatar({ name, large }: { name: string; large?: boolean }) {
  return (
    <span className={`avatar${large ? ' avatar-large' : ''}`} aria-hidden="true">
      {initials(name) || '?'}
    </span>
  );
}
