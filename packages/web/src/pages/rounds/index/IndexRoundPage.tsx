/** An index round of a program: its indicator system, data, computation and ranking live on the TOP100 pages for now. */
import { Navigate } from 'react-router-dom';

export function IndexRoundPage() {
  return <Navigate to="/top100" replace />;
}
