import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/** The signed-in user (null when logged out). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => (await api.session()).user,
    staleTime: 60_000,
  });
}
