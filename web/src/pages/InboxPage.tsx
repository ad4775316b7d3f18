/** The manager inbox (placeholder until built). */
export function InboxPage({ taskId }: { taskId?: string }) {
  return <section data-testid="inbox" data-task={taskId} />;
}
