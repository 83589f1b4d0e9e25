//! Settings for the allocator the binaries use (mimalloc; see src/main.rs).
//!
//! The `kgx` binary and the benchmark set mimalloc as the global allocator
//! and call [`tune`] first thing. A program that uses another allocator need
//! not call it (if it does, it sets options of an allocator it does not use,
//! and on Linux turns transparent huge pages off for itself, see [`tune`]).

use std::ffi::c_long;

/// `mi_option_purge_delay` in mimalloc.h (the same index in mimalloc v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// `mi_option_allow_thp` in mimalloc.h (v3, the version libmimalloc-sys
/// builds by default; the Rust crate names only the older options).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// How long, in milliseconds, mimalloc keeps freed memory before it gives it
/// back to the system (its default is 1000).
pub const PURGE_DELAY_MS: c_long = 100;

/// Set mimalloc up for kgx's streaming run: no transparent huge pages, and
/// freed memory given back to the system after [`PURGE_DELAY_MS`].
///
/// kgx streams batches of documents through and frees each one, with `-j N`
/// on another thread than the one that made it. Two things decide what that
/// costs in page faults and in resident memory:
///
/// * **Transparent huge pages.** mimalloc asks for them (`MADV_HUGEPAGE`) on
///   the memory it maps. A first touch then faults in, and zeroes, 2 MB at a
///   time, much of it unused (and with the kernel's `defrag` setting
///   `madvise`, may compact memory first, so the cost varies with the rest
///   of the machine); giving part of a huge page back splits it, and the
///   next batch faults it in again. Peak RSS of the default extract of the
///   news corpus: 69.3 MB with them, 56.2 MB without; streaming at `-j 2`,
///   43.3 MB against 24.3 MB. `tune` turns them off for the process with
///   `prctl(PR_SET_THP_DISABLE)` (what mimalloc itself does at start-up when
///   its `allow_thp` option is 0; that option is read before `main`, so it is
///   also set here, which stops the `MADV_HUGEPAGE` on memory mapped later).
///   The setting is inherited by child processes; kgx starts none.
/// * **When freed memory goes back.** With an immediate purge (the setting
///   before, chosen for streaming RSS), memory freed after each batch went
///   back to the system and the next batch faulted fresh pages in. With the
///   delay, memory freed and soon reused stays; memory not reused within it
///   still goes back, so RSS over a long stream stays flat (the corpus read
///   ten times: 1.03x one pass at `-j 1`, 1.11x at `-j 2`, both below one
///   pass before; 100 ms kept RSS lower than mimalloc's 1000 ms at no
///   measurable cost in time).
///
/// Together: page faults of the default extract 17.7 k -> 14.1 k (the rest
/// are first touches), system time 0.06-0.22 s -> 0.02-0.05 s.
///
/// Neither setting changes what kgx computes, only where its memory lives.
/// See docs/PERFORMANCE.md (alloc14).
pub fn tune() {
    // SAFETY: mi_option_set only stores an option's value, which mimalloc
    // reads at its next purge decision or its next request for memory from
    // the system; any value is valid for these options.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
    }
    no_huge_pages();
}

/// Turn transparent huge pages off for this process (Linux `prctl`).
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    use std::ffi::{c_int, c_ulong};
    /// `PR_SET_THP_DISABLE` in linux/prctl.h.
    const PR_SET_THP_DISABLE: c_int = 41;
    extern "C" {
        /// prctl(2), from the C library.
        fn prctl(option: c_int, ...) -> c_int;
    }
    // SAFETY: PR_SET_THP_DISABLE with 1 and three zeros only sets a flag of
    // the calling process; it reads no memory of ours. Failure (an old
    // kernel) leaves huge pages on, which changes only the speed.
    unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as c_ulong,
            0 as c_ulong,
            0 as c_ulong,
            0 as c_ulong,
        );
    }
}

/// Transparent huge pages are a Linux feature; nothing to turn off elsewhere.
#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options `tune` sets, read back from mimalloc by their indices,
    /// and (on Linux) huge pages off for the process as the kernel reports it.
    #[test]
    fn tune_sets_the_documented_options() {
        // The indices name the options meant: before `tune`, each holds
        // mimalloc v3's default for it (unless set from the environment).
        // SAFETY: mi_option_get only reads an option's value.
        let get = |option| unsafe { libmimalloc_sys::mi_option_get(option) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(MI_OPTION_PURGE_DELAY), 1000, "purge_delay's default");
        }
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            assert_eq!(get(MI_OPTION_ALLOW_THP), 1, "allow_thp's default");
        }
        tune();
        assert_eq!(get(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
        assert_eq!(get(MI_OPTION_ALLOW_THP), 0);
        #[cfg(target_os = "linux")]
        {
            let status = std::fs::read_to_string("/proc/self/status").unwrap();
            // Kernels since 6.x print the flag; older ones do not.
            if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
                assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
            }
        }
    }
}
