/** Which scoring assignments an expert reaches: the expert is the active expert record behind the login. */

/** An expert reaches only an assignment of their own that is not a reserve (a reserve is "not assigned" until it takes over). */
export const canReachAssignment = (expert: { id: number } | undefined, assignment: { expert_id: number; status: string }): boolean =>
  expert !== undefined && assignment.expert_id === expert.id && assignment.status !== 'reserve';
