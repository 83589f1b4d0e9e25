//! Settings for the allocator the binaries use (mimalloc; see src/main.rs).
//!
//! The `kgx` binary and the benchmark set mimalloc as the global allocator
//! and call [`tune`] first thing. A program that uses another allocator need
//! not call it (if it does, it only sets an option of an allocator it does
//! not use).

/// `mi_option_purge_delay` in mimalloc.h (the same index in mimalloc v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Have mimalloc give freed memory back to the system at once instead of
/// after its default delay.
///
/// kgx streams batches of documents through and frees each one, with `-j N`
/// on another thread than the one that made it. With the delay, peak RSS
/// crept up over a long run: the research corpus read ten times at `-j 2`
/// peaked at 39.5 MB against 29.8 MB for one pass (43.6 MB for twenty). With
/// immediate purging both are 26.3 MB, for about 1% more CPU. See
/// docs/PERFORMANCE.md.
pub fn tune() {
    // SAFETY: mi_option_set only stores an option's value, which mimalloc
    // reads at its next purge decision; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}
