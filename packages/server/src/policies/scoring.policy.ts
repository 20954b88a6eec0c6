/** Which scoring assignments an expert reaches: the expert is the active expert record behind the login. */

/** An expert reaches only an assignment of their own that is not a reserve (a reserve is "not assigned" until it takes over). */
export const canReachAssignment = (expert: { id: number } | undefined, assignment: { expert_id: number; status: string }): boolean =>
  expert !== undefined && assignment.expert_id === expert.id && assignment.status !== 'reserve';

/** An expert sees their peers' submitted sheets on an entry only when the round shows them: before close, or after close, as configured. */
export const canSeePeerScores = (
  round: { status: string }, config: { scoresVisibleToExpertsBeforeClose: boolean; resultsVisibleToExpertsAfterClose: boolean },
): boolean => (round.status === 'closed' ? config.resultsVisibleToExpertsAfterClose : config.scoresVisibleToExpertsBeforeClose);
