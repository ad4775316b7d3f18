import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { WorkspaceFacts } from '../../../shared/nodes/types.ts';
import type { AssigneesDto } from '../../../shared/api/types.ts';
import { api } from '../api/client.ts';
import { ROLES } from '../../../shared/api/types.ts';
import { useMe } from './session.ts';

/** The roles the server lets read who tasks can go to (`GET /api/assignees`). */
const READERS: readonly string[] = ['admin', 'marketer', 'qa'];

/**
 * Who a hand-off task can go to (users with their roles and teams, and the queues), for the
 * editor's form, the canvas and the simulator; kept for a minute. A manager may not read it, so it
 * is not asked for (no refused request in the console): there is no data and callers show what the
 * funnel or the task says.
 */
export function useAssignees() {
  const role = useMe().data?.role;
  return useQuery({ queryKey: ['assignees'], queryFn: api.assignees, staleTime: 60_000, retry: false, enabled: role !== undefined && READERS.includes(role) });
}

/**
 * What validation checks against the workspace: its users for a hand-off's assignee, the contact attributes in use for a
 * text's `{{contact.x}}` (none known: no such check) — as the server checks when it publishes.
 */
export function useWorkspaceFacts(): WorkspaceFacts | undefined {
  const users = useAssignees().data?.users;
  const attributes = useQuery({ queryKey: ['attribute-keys'], queryFn: api.attributeKeys, staleTime: 60_000, retry: false }).data?.keys;
  return useMemo(() => (users ? { users: users.map((u) => ({ id: u.id, role: u.role, teams: u.teams })), ...(attributes ? { attributes } : {}) } : undefined), [users, attributes]);
}

/** A user's name by id, when the list has them. */
export const userName = (a: AssigneesDto | undefined, id: string): string | undefined => a?.users.find((u) => u.id === id)?.name;

/**
 * A role or team in the UI's words; a team shown in other words than its id carries the id
 * («продажи (sales)»), so a team someone named «продажи» is told apart from it.
 */
export function queueWords(q: string, maybe: (key: string, fallback: string) => string): string {
  const words = maybe(`role.${q}`, q);
  return words === q || (ROLES as readonly string[]).includes(q) ? words : `${words} (${q})`;
}
