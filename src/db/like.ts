// LIKE patterns from user text: % _ and \ match themselves.
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
