import { Link } from 'react-router';
import { usePageTitle } from '../components/PageTitle.js';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="auth not-found">
      <p className="eyebrow">404</p>
      <h1>We could not find that page</h1>
      <p className="lead">The link may be mistyped, or the page has moved. Let’s get you back on familiar ground.</p>
      <Link to="/" className="button button-primary">
        Go to the start
      </Link>
    </div>
  );
}
