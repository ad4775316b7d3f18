/** «Анна Петрова» from a contact's firstName + lastName attributes; empty when neither is set. */
export const fullName = (attributes: Record<string, unknown>): string =>
  [attributes.firstName, attributes.lastName].filter((x) => typeof x === 'string' && x.trim()).join(' ');
