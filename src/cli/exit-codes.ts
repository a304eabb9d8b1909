// The exit codes a pipeline branches on (documented in README.md).
export const EXIT_OK = 0;
/** Bad input, an unreachable host, a rejected credential, any other error. */
export const EXIT_ERROR = 1;
/** The scan worked and found a failing result at or above `--fail-on`. */
export const EXIT_FINDINGS = 2;
