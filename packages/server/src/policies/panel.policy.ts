/** Who reaches a panel (终评会): the office every panel, an expert only the panels they sit on, the chair's sign-off only the chair. */
import type { Actor } from '../context.js';

/** A member (the chair included) of the panel whose members are `memberIds`; `expertId` is the expert behind the login. */
export const sitsOnPanel = (expertId: number | undefined, memberIds: readonly number[]): boolean =>
  expertId !== undefined && memberIds.includes(expertId);

/** Office roles see every panel; an expert or chair only a panel they sit on. */
export const canSeePanel = (actor: Actor, expertId: number | undefined, memberIds: readonly number[]): boolean =>
  (actor.role !== 'expert' && actor.role !== 'chair') || sitsOnPanel(expertId, memberIds);

/** Only the panel's own chair signs its list off. */
export const chairsPanel = (expertId: number | undefined, panel: { chair_expert_id: number }): boolean =>
  expertId !== undefined && expertId === panel.chair_expert_id;
