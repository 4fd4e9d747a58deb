/**
 * Manifest values reach the terminal: control characters (ANSI escape sequences above all)
 * are shown as visible escapes so a hostile file cannot rewrite the reader's screen.
 */
// Everything but TAB: a newline in a file name or an object name must not forge a line of the report.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
