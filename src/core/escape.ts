/**
 * Manifest values reach the terminal: control characters (ANSI escape sequences above all)
 * are shown as visible escapes so a hostile file cannot rewrite the reader's screen.
 */
// Everything but TAB: a newline in a file name or an object name must not forge a line of the report.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Everything escapeControl escapes but line breaks and TAB: for multi-line messages on stderr (a terminal). */
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * stderr: kubeplan's own lines stay lines, but a value quoted in them (`--base $'\e]0;x\a'`, a file name, a config
 * problem) cannot send an escape sequence to the terminal. A lone CR would overwrite the line: escaped too.
 */
export function escapeTerminal(text: string): string {
  return text
    .replace(/\r(?!\n)/g, '\\u000d')
    .replace(CONTROL_BUT_NEWLINE, (c) => (c === '\r' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
