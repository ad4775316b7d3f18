import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/**
 * The server's "now" (ms). Due times are relative to the server's clock, which QA can move
 * (`VORONKA_CLOCK=manual`), so the browser's clock alone would show wrong distances.
 */
export function useServerNow(): number {
  const clock = useQuery({
    queryKey: ['clock'],
    queryFn: async () => {
      const c = await api.clock();
      return { skew: Date.parse(c.now) - Date.now() };
    },
    refetchInterval: 5_000,
  });
  return Date.now() + (clock.data?.skew ?? 0);
}
