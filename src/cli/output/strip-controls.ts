// Tenant data is untrusted: a display name, an app name or a site title can carry terminal escape
// sequences (`ESC[2J` clears the screen, OSC 8 forges links, `ESC]0;…` retitles the window) or
// carriage returns that overwrite what the CLI printed before. Everything the CLI writes passes
// through here (run-cli.ts wraps both streams), so no command has to remember it; the CLI's own
// escape codes (the progress bars) go through `OutputStream.writeControl` instead.

const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~]?)/g;
// C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F, CSI among them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The text with every escape sequence and control character removed, newlines and tabs kept. */
export function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
