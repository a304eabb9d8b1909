// Field names that would hold a credential. No dataset schema may declare one, and collectors
// drop such keys from the free-form parts of a record (audit event attributes), so a token can
// never reach a snapshot even if Atlassian starts sending one.

const CREDENTIAL_KEY =
  /(secret|password|passwd|token(?!s$)|api_?key|apikey|private_?key|credential|authorization|bearer|jwt|cookie|session_?id|signature)/i;

/** Whether a field name looks like it holds a credential (`sharedSecret`, `apiToken`, `accessToken`…). */
export function isCredentialKey(name: string): boolean {
  return CREDENTIAL_KEY.test(name);
}
