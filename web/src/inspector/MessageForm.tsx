import { MessageFields } from './MessageFields.tsx';

/** Message: channel, subject (email) or heading (chats), text, and whether it is marketing (consent, quiet hours, cap). */
export function MessageForm() {
  return <MessageFields />;
}
