//! The allocator the binaries use (mimalloc; see src/main.rs) and its settings.
//!
//! The `kgx` binary and the benchmark set [`Allocator`] as the global
//! allocator and call [`tune`] first thing. A program that uses another allocator need
//! not call it (if it does, it sets options of an allocator it does not use,
//! and on Linux turns transparent huge pages off for itself, see [`tune`]).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_long, c_void};

use libmimalloc_sys as mi;

/// mimalloc as Rust's global allocator, asking for alignment only where a
/// type needs more than a machine word.
///
/// The `mimalloc` crate's allocator passes every request to
/// `mi_malloc_aligned`, which first checks that the block it would hand out
/// happens to have the alignment asked for: about 50 instructions a call
/// against `mi_malloc`'s fast path, and kgx makes about 150 allocations per
/// document (1.9 M over the news corpus with `--discover`). Every block
/// `mi_malloc` returns is aligned to a machine word at least: mimalloc's
/// size classes are whole words (`_mi_wsize_from_size`) and its pages start
/// aligned, so a request whose alignment is at most [`WORD`] (a `String`, a
/// `Vec` of integers, spans or pointers: nearly every request kgx makes) goes
/// to `mi_malloc`, and the rest to the aligned entry points as before.
/// Freeing is the same for both (`mi_free` finds a block's page from its
/// address).
///
/// ```
/// #[global_allocator]
/// static ALLOC: kgx::allocator::Allocator = kgx::allocator::Allocator;
///
/// let words: Vec<u64> = (0..1000).collect();
/// assert_eq!(words.as_ptr() as usize % std::mem::align_of::<u64>(), 0);
/// ```
pub struct Allocator;

/// The alignment every block of mimalloc's has: one machine word.
pub const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method passes the request to the mimalloc function that
// meets it: sizes are passed on as given, and an alignment above [`WORD`]
// goes to the `_aligned` entry point that honours it, while one at or below
// it is met by every mimalloc block (see [`Allocator`]). mimalloc returns
// null on failure, as `GlobalAlloc` requires, and `mi_free` and the
// `mi_realloc` functions accept any block the others returned.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()).cast()
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()).cast()
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

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

    /// Every block [`Allocator`] hands out, grows or shrinks has the
    /// alignment its layout asks for and keeps its bytes, for alignments
    /// up to a page and sizes from one byte to past mimalloc's small and
    /// large size classes; zeroed blocks are zero. (An alignment rule
    /// looser than mimalloc's blocks honour, such as sending 16-byte
    /// alignment to `mi_malloc`, fails here: 24-byte blocks lie 8 bytes
    /// apart.)
    #[test]
    fn blocks_have_their_alignment_and_keep_their_bytes() {
        let a = Allocator;
        let sizes = (1..=72).chain([96, 100, 1000, 4096, 10_000, 100_000, 1 << 20]);
        for size in sizes {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // Several at once, so that not only a page's first block is seen.
                let blocks: Vec<*mut u8> = (0..5)
                    .map(|i| {
                        // SAFETY: `layout` has a non-zero size.
                        let p = unsafe {
                            if i % 2 == 0 {
                                a.alloc(layout)
                            } else {
                                a.alloc_zeroed(layout)
                            }
                        };
                        assert!(!p.is_null());
                        assert_eq!(p as usize % align, 0, "size {size} align {align}");
                        if i % 2 == 1 {
                            // SAFETY: `p` is a live block of `size` bytes.
                            let bytes = unsafe { std::slice::from_raw_parts(p, size) };
                            assert!(bytes.iter().all(|&b| b == 0), "zeroed {size}/{align}");
                        }
                        // SAFETY: as above; the block is ours to write.
                        unsafe { std::ptr::write_bytes(p, i as u8 + 1, size) };
                        p
                    })
                    .collect();
                for (i, p) in blocks.into_iter().enumerate() {
                    let mut block = (p, layout);
                    // Grown past its size class, then shrunk below its first size.
                    for new_size in [size * 3 + 5, (size / 2).max(1)] {
                        let (old, old_layout) = block;
                        // SAFETY: `old` is a live block of `old_layout`; it is
                        // not used again after this call.
                        let q = unsafe { a.realloc(old, old_layout, new_size) };
                        assert!(!q.is_null());
                        assert_eq!(q as usize % align, 0, "realloc {size}->{new_size}/{align}");
                        let kept = size.min(new_size);
                        // SAFETY: `q` holds at least `kept` bytes that were `old`'s.
                        let bytes = unsafe { std::slice::from_raw_parts(q, kept) };
                        assert!(
                            bytes.iter().all(|&b| b == i as u8 + 1),
                            "kept {size}->{new_size}"
                        );
                        block = (q, Layout::from_size_align(new_size, align).unwrap());
                    }
                    // SAFETY: `block` is a live block of its layout, freed once.
                    unsafe { a.dealloc(block.0, block.1) };
                }
            }
        }
    }

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
