import { describe, expect, it } from 'vitest';
import { COMMON_ZONES, isValidZone, phoneCountryOfZone, zoneLabel, zoneOfCity } from '../../shared/format/zones.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';

const funnel = (timezone: string) => ({
  format: 'voronka/funnel@1',
  id: 'z',
  name: 'z',
  settings: { timezone },
  nodes: [{ id: 'start', type: 'trigger', data: { event: 'go' } }, { id: 'end', type: 'exit', data: {} }],
  edges: [{ id: 'e', source: 'start', target: 'end' }],
});

describe('time zones by the cities people know them by', () => {
  it('every zone offered is a real one', () => {
    for (const z of COMMON_ZONES) expect(isValidZone(z), z).toBe(true);
  });

  it('labels a zone with its offset and its first cities at that moment (summer time included)', () => {
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const summer = Date.parse('2026-07-15T12:00:00Z');
    expect(zoneLabel('Europe/Moscow', 'ru', winter)).toBe('UTC+3 — Москва, Санкт-Петербург, Казань');
    expect(zoneLabel('Asia/Yekaterinburg', 'en', winter)).toBe('UTC+5 — Yekaterinburg, Chelyabinsk, Perm');
    expect(zoneLabel('Europe/London', 'ru', winter)).toBe('UTC+0 — Лондон, Дублин, Лиссабон');
    expect(zoneLabel('Europe/London', 'ru', summer)).toBe('UTC+1 — Лондон, Дублин, Лиссабон');
    expect(zoneLabel('UTC', 'ru', winter)).toBe('UTC');
    expect(zoneLabel('America/St_Johns', 'en', winter)).toBe('America/St_Johns');
  });

  it('finds the zone of a city typed in either language, in any case, ё or е', () => {
    expect(zoneOfCity('Казань')).toBe('Europe/Moscow');
    expect(zoneOfCity(' казань ')).toBe('Europe/Moscow');
    expect(zoneOfCity('Yekaterinburg')).toBe('Asia/Yekaterinburg');
    expect(zoneOfCity('Улан-Удэ')).toBe('Asia/Irkutsk');
    expect(zoneOfCity('Мск')).toBeUndefined();
    expect(zoneOfCity('')).toBeUndefined();
  });

  it("a funnel's zone written as a city is refused with the zone to write instead", () => {
    const ru = validateFunnel(funnel('Казань'), { lang: 'ru' }).issues.find((i) => i.code === 'invalid-timezone')!;
    expect(ru.message).toBe('Часовой пояс «Казань» не существует; для города «Казань» укажите Europe/Moscow.');
    const en = validateFunnel(funnel('Mars/Olympus'), { lang: 'en' }).issues.find((i) => i.code === 'invalid-timezone')!;
    expect(en.message).toBe('The time zone "Mars/Olympus" (settings.timezone) does not exist; use a name like Europe/Moscow.');
  });

  it('a US team finds its zones by their cities, west of London', () => {
    const winter = Date.UTC(2026, 0, 15);
    expect(zoneLabel('America/New_York', 'en', winter)).toBe('UTC−5 — New York, Washington, Boston');
    expect(zoneLabel('America/Los_Angeles', 'en', winter)).toBe('UTC−8 — Los Angeles, San Francisco, Seattle');
    expect(zoneOfCity('New York')).toBe('America/New_York');
    expect(zoneOfCity('Чикаго')).toBe('America/Chicago');
  });
});

describe('the country a phone without its code is in, by the workspace zone', () => {
  it('the Americas North American unless listed, Russia by default', () => {
    expect(phoneCountryOfZone('America/Chicago')).toBe('US');
    expect(phoneCountryOfZone('Pacific/Honolulu')).toBe('US');
    expect(phoneCountryOfZone('America/Mexico_City')).toBe('MX');
    expect(phoneCountryOfZone('Asia/Almaty')).toBe('KZ');
    expect(phoneCountryOfZone('Europe/Moscow')).toBe('RU');
    expect(phoneCountryOfZone(null)).toBe('RU');
  });
});
