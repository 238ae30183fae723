// Keeps secret values out of everything apply reports: error messages from the API or from our own code could
// echo a request body, and a report is printed, logged and pasted into tickets.
import type { DesiredState } from '../model.js';
import { SENSITIVE } from '../plan/types.js';

/** Every secret value of the manifest. */
export function collectSecrets(desired: DesiredState): string[] {
  const values = [
    ...desired.uri.map((u) => u.password?.value),
    ...desired.credential.map((c) => c.password.value),
    ...desired.endpoint.map((e) => e.password.value),
  ];
  // Longest first, so a secret that contains another is masked whole.
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort(
    (a, b) => b.length - a.length,
  );
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(SENSITIVE);
  return out;
}
