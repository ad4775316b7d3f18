/** One contact (placeholder until built). */
export function ContactPage({ contactId }: { contactId: string }) {
  return <section data-testid="contact" data-id={contactId} />;
}
