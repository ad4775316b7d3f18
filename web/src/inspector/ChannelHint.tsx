import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';

/** Under a message's channel: a word when that channel is not set up, so its messages stay in the dev outbox. */
export function ChannelHint({ channel }: { channel: string | undefined }) {
  const { t } = useT();
  const channels = useQuery({ queryKey: ['channels'], queryFn: api.channels, staleTime: 30_000, retry: false });
  if (!channel || !channels.data || channels.data.configured.includes(channel)) return null;
  return (
    <p className="ed-hint ed-hint-warn" data-testid="channel-not-configured" data-channel={channel}>
      {t('channel.notConfigured', { channel: t(`channel.${channel}`) })}
    </p>
  );
}
