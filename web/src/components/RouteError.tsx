// The router's error page: a page that failed to load or threw.
import { useRouteError } from 'react-router';
import { ErrorState } from './ErrorState.tsx';

export function RouteError() {
  const error = useRouteError();
  return <ErrorState error={error} onRetry={() => window.location.reload()} />;
}
