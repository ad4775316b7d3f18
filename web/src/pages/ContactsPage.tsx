/** Contacts list (placeholder until built). */
export function ContactsPage() {
  return <section data-testid="contacts" />;
}
