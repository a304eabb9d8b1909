// The exit codes that are not errors (documented in README.md and src/cli/README.md). An error's exit code comes from
// its kind in src/errors.ts (`exitCodeOf`), the one catalogue the server's HTTP statuses share.
export const EXIT_OK = 0;
/** The scan worked and found a failing result at or above `--fail-on`. */
export const EXIT_FINDINGS = 2;
/**
 * An app action (`apps uninstall|disable|ban`) changed nothing on some site because Atlassian has
 * no API for it (a Forge app): an admin must follow the printed steps.
 */
export const EXIT_MANUAL_REQUIRED = 3;
