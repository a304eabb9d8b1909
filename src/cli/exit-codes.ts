// The exit codes that are not errors (documented in README.md). An error's exit code comes from
// its kind in src/errors.ts (`exitCodeOf`), the one catalogue the server's HTTP statuses share.
export const EXIT_OK = 0;
/** The scan worked and found a failing result at or above `--fail-on`. */
export const EXIT_FINDINGS = 2;
