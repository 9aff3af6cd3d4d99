/** The If-Match value for a version the API returned: a write fails with 412 if someone changed it since. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
