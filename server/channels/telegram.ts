import { escapeHtml } from '../../shared/engine/template.ts';
import { isRetryableStatus, jsonReply, request } from './http.ts';
import { PermanentChannelError, type ChannelAdapter, type CheckResult, type OutgoingMessage } from './types.ts';

export interface TelegramConfig {
  token: string;
  /** Default https://api.telegram.org (a local Bot API server or a test stand-in otherwise). */
  apiBase?: string;
}

const TELEGRAM_LIMIT = 4096;

/**
 * The message text in Telegram's HTML mode. Message bodies for Telegram are not escaped by the
 * engine (only email bodies are), so the subject and body are escaped here: a `<` typed by a
 * contact can neither break the message (Telegram refuses bad HTML) nor inject markup.
 */
export function telegramText(subject: unknown, body: unknown): string {
  const b = escapeHtml(typeof body === 'string' ? body : '');
  const s = typeof subject === 'string' && subject.trim() !== '' ? `<b>${escapeHtml(subject.trim())}</b>\n` : '';
  const text = s + b;
  // Cut at the limit without leaving half an entity behind.
  return text.length <= TELEGRAM_LIMIT ? text : text.slice(0, TELEGRAM_LIMIT - 1).replace(/&[#\w]*$/, '') + '…';
}

/** Telegram Bot API `sendMessage` to `contact.attributes.telegramChatId`. */
export function telegramChannel(cfg: TelegramConfig): ChannelAdapter {
  const base = (cfg.apiBase ?? 'https://api.telegram.org').replace(/\/+$/, '');
  return {
    name: 'telegram',
    links: 'plain',
    async send(m: OutgoingMessage): Promise<string> {
      const chat = m.contact.attributes.telegramChatId;
      const chatId = typeof chat === 'number' || (typeof chat === 'string' && chat.trim() !== '') ? chat : null;
      if (chatId === null) throw new PermanentChannelError('the contact has no telegramChatId');
      const text = telegramText(m.row.payload.subject, m.row.payload.body);
      if (text === '') throw new PermanentChannelError('the message is empty');
      const r = await request(`${base}/bot${cfg.token}/sendMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, text, parse_mode: 'HTML' }),
      });
      const json = jsonReply<{ ok?: boolean; result?: { message_id?: number }; error_code?: number; description?: string; parameters?: { retry_after?: number } }>(r);
      if (r.status >= 200 && r.status < 300 && json.ok === true) return `ok message_id=${json.result?.message_id ?? '?'}`;
      const status = json.error_code ?? r.status;
      const retryAfter = json.parameters?.retry_after ? ` (retry after ${json.parameters.retry_after} s)` : '';
      const msg = `telegram ${status}: ${json.description ?? r.text.slice(0, 300)}${retryAfter}`;
      if (r.status >= 200 && r.status < 300) throw new Error(msg);
      if (isRetryableStatus(status)) throw new Error(msg);
      throw new PermanentChannelError(json.description ?? msg);
    },
    async check(): Promise<CheckResult> {
      const r = await request(`${base}/bot${cfg.token}/getMe`, { method: 'GET', headers: {} });
      const json = jsonReply<{ ok?: boolean; result?: { username?: string; first_name?: string }; description?: string }>(r);
      if (r.status >= 200 && r.status < 300 && json.ok === true) {
        // its title in brackets only when it has one: «@school_bot», not «@school_bot ()»
        const who = `@${json.result?.username ?? '?'}${json.result?.first_name ? ` (${json.result.first_name})` : ''}`;
        return { detail: `the bot ${who} answers`, who };
      }
      throw new Error(`telegram ${r.status}: ${json.description ?? r.text.slice(0, 300)}`);
    },
  };
}
