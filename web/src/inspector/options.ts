import { CHANNELS } from '../../../shared/format/common.ts';
import { STAGES } from '../../../shared/nodes/offer.ts';

type T = (k: string) => string;

export const channelOptions = (t: T): [string, string][] => CHANNELS.map((c) => [c, t(`channel.${c}`)]);
export const stageOptions = (t: T): [string, string][] => STAGES.map((s) => [s, t(`stage.${s}`)]);

/** Event types a marketer usually means, offered as suggestions (any other name may be typed). */
export const COMMON_EVENTS = [
  'lead.created',
  'offer.accepted',
  'leadMagnet.claimed',
  'order.paid',
  'order.created',
  'cart.abandoned',
  'message.opened', // sent by the server when an email's image loads (data.node: the message node)
  'message.clicked', // … when a tracked link is clicked (data.node, data.url)
  'message.bounced', // … when the integration reports a bounce (POST /api/outbox/:id/bounce; data.node, data.hard)
  'unsubscribed',
  'segment.entered',
  'task.completed',
];
