//! How the tagger's working memory is allocated.
//!
//! Every layer of the encoder allocates its activations afresh (a batch's intermediate
//! states are 8 × length × 1,536 floats, up to 6 MB) and frees them a moment later. glibc
//! serves a block above its mmap threshold with a fresh mapping and unmaps it on free, and
//! it hands freed memory at the top of a thread's heap back to the kernel; either way the
//! next layer's block is new memory that the kernel zeroes and maps page by page on first
//! touch. Measured on the shipped int8 model, one thread, 800 PolNeAR dev sentences in
//! batches of 8 (Python, the same libtorch and glibc): 500,000 minor page faults and 3.5 s of
//! CPU with glibc's defaults, 94,000 and 2.4 s with the two thresholds below raised; `claimx
//! extract` on PolNeAR dev: 180,000-250,000 faults against 75,000, 7% less wall time, and
//! byte-identical records.

use std::sync::Once;

/// glibc's largest mmap threshold on 64-bit systems (`DEFAULT_MMAP_THRESHOLD_MAX`, 32 MiB):
/// every activation of a batch of at most 128 pieces stays below it, so all come from the heap.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 32 << 20;

/// Free memory a heap may keep at its top before glibc returns it to the kernel: a few
/// batches' worth of activations (peak RSS on PolNeAR dev rose from 360 to 379 MB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 256 << 20;

/// Makes glibc keep freed activations for reuse instead of returning them to the kernel,
/// once per process (it is a process-wide setting; claimx calls it when it loads a model).
/// Does nothing with another C library, whose allocator has other policies.
pub fn reuse_freed_memory() {
    static ONCE: Once = Once::new();
    ONCE.call_once(set_thresholds);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn set_thresholds() {
    // SAFETY: mallopt only changes the allocator's parameters; both values are in the
    // ranges glibc documents, and a refusal (0) leaves the defaults, which are correct too.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn set_thresholds() {}
