import { useQuery } from '@tanstack/react-query';
import { DEFAULT_CURRENCY } from '../../../shared/format/currency.ts';
import { DEFAULT_LIFECYCLE, type LifecycleRules } from '../../../shared/format/lifecycle.ts';
import { api } from '../api/client.ts';
import { readablePhone } from '../../../shared/format/phone.ts';
import { phoneCountryOfZone } from '../../../shared/format/zones.ts';
import { browserZone } from '../i18n/viewZone.ts';

const useWorkspaceQuery = () => useQuery({ queryKey: ['workspace'], queryFn: api.workspace, staleTime: 60_000, retry: false });

/** The workspace's currency: what an order or a new funnel is in when nobody says (roubles until an admin chooses). */
export function useWorkspaceCurrency(): string {
  return useWorkspaceQuery().data?.currency ?? DEFAULT_CURRENCY;
}

export { browserZone } from '../i18n/viewZone.ts';

/**
 * The time zone a new funnel writes dates and times in for contacts without their own: the
 * workspace's when an admin chose one, else the user's own — never UTC by omission.
 */
export function useNewFunnelZone(): string {
  return useWorkspaceZone() ?? browserZone();
}

/** A phone as people read it, a number written without its country code read as the workspace's (by its zone: the Americas, else Russia). */
export function usePhoneText(): (stored: string) => string {
  const home = phoneCountryOfZone(useWorkspaceZone()) === 'US' ? 'nanp' : 'ru';
  return (stored) => readablePhone(stored, home);
}

/** Where the workspace's life-cycle matrix draws its lines (the defaults until the workspace is read). */
export function useLifecycleRules(): LifecycleRules {
  return useWorkspaceQuery().data?.lifecycle ?? DEFAULT_LIFECYCLE;
}

/** The workspace's chosen time zone (null: none, each user's own applies). */
export function useWorkspaceZone(): string | null {
  return useWorkspaceQuery().data?.timezone ?? null;
}
