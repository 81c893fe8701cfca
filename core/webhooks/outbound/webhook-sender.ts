// Placeholder until helper A's sender lands: the types only.
export interface DeliveryAttempt {
  readonly ok: boolean;
  readonly status: number | null;
  readonly gone: boolean;
  readonly retryAfterSeconds: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}
export interface WebhookSender {
  send(request: { url: string; headers: Record<string, string>; body: string }): Promise<DeliveryAttempt>;
}
