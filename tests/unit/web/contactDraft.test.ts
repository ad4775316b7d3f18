import { describe, expect, it } from 'vitest';
import { defaultDraft, presets, sampleInLanguage } from '../../../web/src/simulator/contactDraft.ts';

describe('the simulator\'s sample contacts', () => {
  it('speak the UI\'s language and live in the funnel\'s zone, one of them far from it', () => {
    const en = presets('en', 'America/New_York');
    expect(en.map((c) => c.attributes.firstName)).toEqual(['Emma', 'Ben', 'Grace']);
    expect(JSON.stringify(en)).not.toMatch(/[а-яё]|Moscow|\+7/i);
    expect(en[0].attributes.timezone).toBeUndefined(); // read in the funnel's zone
    expect(en[1].attributes.timezone).toBeUndefined();
    expect(en[2].attributes.timezone).toBe('America/Los_Angeles');
    expect(presets('en', 'America/Los_Angeles')[2].attributes.timezone).toBe('America/New_York');
    const ru = presets('ru', 'Europe/Moscow');
    expect(ru.map((c) => c.attributes.firstName)).toEqual(['Анна', 'Борис', 'Вера']);
    expect(ru[2].attributes.timezone).toBe('Asia/Vladivostok');
    expect(presets('ru', 'Asia/Vladivostok')[2].attributes.timezone).toBe('Europe/Kaliningrad');
  });

  it('follow a change of language while not edited', () => {
    const ru = defaultDraft('ru');
    const en = sampleInLanguage(ru, 'en');
    expect(en?.id).toBe('qa-emma');
    expect(en?.start).toBe(ru.start);
    expect(sampleInLanguage(en!, 'ru')?.id).toBe('qa-anna');
    expect(sampleInLanguage(en!, 'en')).toBeNull(); // already in it
    const far = sampleInLanguage({ ...defaultDraft('ru'), ...{ id: 'qa-vera', attrs: [], consents: {} } }, 'en');
    expect(far).toBeNull(); // not a sample as given
    const edited = { ...ru, attrs: ru.attrs.map((r) => (r.key === 'firstName' ? { ...r, value: 'Аня' } : r)) };
    expect(sampleInLanguage(edited, 'en')).toBeNull();
  });
});
