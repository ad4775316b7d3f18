import { describe, expect, it } from 'vitest';
import { deliveryReason } from '../../../web/src/lists/deliveryReason.ts';

describe('why a message was not delivered, in words', () => {
  it('says the adapters\' known reasons in Russian, and anything else as the provider wrote it', () => {
    expect(deliveryReason('the contact has no telegramChatId', 'ru')).toBe('у контакта нет атрибута telegramChatId');
    expect(deliveryReason('the contact has no vkId (a numeric VK user id)', 'ru')).toBe('у контакта нет атрибута vkId');
    expect(deliveryReason('the contact has no email address', 'ru')).toBe('у контакта нет адреса почты (атрибут email)');
    expect(deliveryReason('no answer within 10 s', 'ru')).toBe('сервис не ответил за 10 с');
    expect(deliveryReason('network error: ECONNREFUSED', 'ru')).toBe('ошибка сети: ECONNREFUSED');
    expect(deliveryReason('network error: bad port', 'ru')).toBe('порт адреса запрещён для запросов (bad port): запрос не отправлялся — укажите другой порт');
    // no consent: never given, or withdrawn before the message went
    expect(deliveryReason('no consent for email', 'ru')).toBe('контакт не давал согласия на этот канал');
    expect(deliveryReason('no consent for sms at send time', 'en')).toBe('consent to this channel was withdrawn before sending');
    expect(deliveryReason('Bad Request: chat not found', 'ru')).toBe('Bad Request: chat not found');
    // a provider's error status, with its own words as it wrote them
    expect(deliveryReason('the SMS gateway answered 500: {"error":"gateway down"}', 'ru')).toBe('SMS-шлюз ответил ошибкой 500: {"error":"gateway down"}');
    expect(deliveryReason('the webhook answered 404', 'ru')).toBe('адрес вебхука ответил ошибкой 404');
    expect(deliveryReason('telegram 400: Bad Request: chat not found', 'ru')).toBe('Telegram ответил ошибкой 400: Bad Request: chat not found');
    expect(deliveryReason('vk answered 503: busy', 'ru')).toBe('ВКонтакте ответил ошибкой 503: busy');
    expect(deliveryReason('the contact has no telegramChatId', 'en')).toBe('the contact has no telegramChatId');
  });
});
