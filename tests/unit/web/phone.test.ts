import { describe, expect, it } from 'vitest';
import { internationalPhone, readablePhone } from '../../../shared/format/phone.ts';

describe('a phone typed by hand', () => {
  it('written the Russian way is the international number it most likely is; what it cannot tell is empty', () => {
    expect(internationalPhone('8 (916) 555-12-34')).toBe('+79165551234');
    expect(internationalPhone('7 916 555 12 34')).toBe('+79165551234');
    expect(internationalPhone('916-555-12-34')).toBe('+79165551234');
    expect(internationalPhone('+7 (916) 555-12-34')).toBe('+79165551234');
    expect(internationalPhone('+1 212 555 0100')).toBe('+12125550100');
    expect(internationalPhone('555-12-34')).toBe('');
  });
});

describe('a stored phone shown to people', () => {
  it('a +7 or a +1 number is grouped as its country writes it; any other stays as stored', () => {
    expect(readablePhone('+79160000001')).toBe('+7 916 000-00-01');
    expect(readablePhone('+7 (916) 000-00-01')).toBe('+7 916 000-00-01');
    expect(readablePhone('+12125550100')).toBe('+1 (212) 555-0100');
    expect(readablePhone('+1 212.555.0100')).toBe('+1 (212) 555-0100');
    expect(readablePhone('+442071234567')).toBe('+442071234567');
    expect(readablePhone('8 916')).toBe('8 916');
    // written the domestic way: read as the international number
    expect(readablePhone('89173334455')).toBe('+7 917 333-44-55');
    // in a workspace in the Americas, a number without its country code is a North American one
    expect(readablePhone('(312)555-0108', 'nanp')).toBe('+1 (312) 555-0108');
    expect(readablePhone('1-312-555-0105', 'nanp')).toBe('+1 (312) 555-0105');
    expect(readablePhone('3125550104', 'nanp')).toBe('+1 (312) 555-0104');
    expect(readablePhone('555-0110', 'nanp')).toBe('555-0110'); // no area code: as written
    expect(readablePhone('+79173334455', 'nanp')).toBe('+7 917 333-44-55');
  });
});
