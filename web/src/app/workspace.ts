import { useQuery } from '@tanstack/react-query';
import { DEFAULT_CURRENCY } from '../../../shared/format/currency.ts';
import { api } from '../api/client.ts';

/** The workspace's currency: what an order or a new funnel is in when nobody says (roubles until an admin chooses). */
export function useWorkspaceCurrency(): string {
  const q = useQuery({ queryKey: ['workspace'], queryFn: api.workspace, staleTime: 60_000, retry: false });
  return q.data?.currency ?? DEFAULT_CURRENCY;
}
