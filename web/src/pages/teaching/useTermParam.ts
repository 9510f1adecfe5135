// A page's term in its address (?term=), so a reload or going back shows the same term; the
// current term when none (or no valid one) is given.
import { useSearchParams } from 'react-router';
import { currentTerm, isTerm } from './term.ts';

/** The page's term from the address (?term=), the current term when none or no valid one is given. */
export function useTermParam(): [string, (term: string) => void] {
  const [params, setParams] = useSearchParams();
  const given = params.get('term');
  const term = given && isTerm(given) ? given : currentTerm();
  const setTerm = (next: string) => {
    const updated = new URLSearchParams(params);
    updated.set('term', next);
    setParams(updated, { replace: true });
  };
  return [term, setTerm];
}
