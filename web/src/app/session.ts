import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client.ts';

/** The signed-in user (null when logged out). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}
