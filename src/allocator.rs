//! Tuning of mimalloc, the allocator the `capaian` binary links (src/main.rs). The library and
//! its tests keep the system allocator; there these settings do nothing.

/// mimalloc's `mi_option_purge_delay` (v2's `mimalloc.h`: after `mi_option_eager_commit_delay`,
/// 14), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long `serve` keeps memory it freed before giving it back to the system. Each save loads
/// the report afresh; memory given back after the previous build must be faulted in again,
/// which on the large report cost about a fifth of the time from a save to the page (README,
/// Performance). A minute covers an editor's round of saves; an idle server gives it back.
pub const SERVE_PURGE_DELAY_MS: i64 = 60_000;

/// Sets mimalloc's purge delay (default 10 ms).
pub fn keep_freed_memory(milliseconds: i64) {
    // SAFETY: mi_option_set takes no pointers and may be called at any time; the option index
    // is checked against its default by the test below.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, milliseconds as _) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purge_delay() -> i64 {
        // SAFETY: mi_option_get takes no pointers.
        unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) as i64 }
    }

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        assert_eq!(
            purge_delay(),
            10,
            "mimalloc's documented default purge delay, 10 ms"
        );
        keep_freed_memory(SERVE_PURGE_DELAY_MS);
        assert_eq!(purge_delay(), SERVE_PURGE_DELAY_MS);
        keep_freed_memory(10);
    }
}
