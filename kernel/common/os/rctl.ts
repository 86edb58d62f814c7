/*
 * kernel/common/os/rctl.ts — resource controls (uts/common/os/rctl.c), reduced to a per-process
 * set of named values that fork duplicates (rctl_set_dup) and that the kernel reads:
 * process.max-stack-size (p_stk_ctl), process.max-file-descriptor, process.max-address-space,
 * process.max-file-size (RLIMIT_FSIZE).
 */

/** RLIM32_INFINITY — "no limit" for a 32-bit process's rlimits (sys/resource.h). */
export const RLIM32_INFINITY = 0x7fffffff;

/** The default set for init (rctlproc_default_init). */
export function rctl_set_init(): Map<string, number> {
  return new Map([
    ['process.max-stack-size', 8 * 1024 * 1024],
    ['process.max-file-descriptor', 256],
    ['process.max-address-space', 0xF0000000],
    // RLIMIT_FSIZE: infinite (RLIM32_INFINITY) until setrlimit lowers it; a write past it gets SIGXFSZ.
    ['process.max-file-size', RLIM32_INFINITY],
  ]);
}

/** rctl_set_dup — the child's copy of the parent's set. Returns null when injected to fail. */
export function rctl_set_dup(set: Map<string, number>): Map<string, number> {
  return new Map(set);
}
