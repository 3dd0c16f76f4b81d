//! One small sort for the crate's own uses: heapsort, in place, no heap, no
//! recursion, O(n log n) comparisons in the worst case whatever the input.
//! The standard library's sorts are faster on large inputs but each use
//! instantiates several kilobytes of code, which a Cortex-M image pays for;
//! the crate sorts at most a few hundred entries at a time.

/// Sorts `v` so that no element is `less` than the one before it.
pub(crate) fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let len = v.len();
    for start in (0..len / 2).rev() {
        sift_down(v, start, len, &less);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &less);
    }
}

/// Restores the max-heap order of `v[..end]` below `root`.
fn sift_down<T>(v: &mut [T], mut root: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if let (Some(left), Some(right)) = (v.get(child), v.get(child + 1)) {
            if child + 1 < end && less(left, right) {
                child += 1;
            }
        }
        match (v.get(root), v.get(child)) {
            (Some(parent), Some(larger)) if less(parent, larger) => {
                v.swap(root, child);
                root = child;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x1234_5678_u64;
        for len in 0..200 {
            let mut v: alloc::vec::Vec<u64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    seed >> 60 // few distinct values: many ties
                })
                .collect();
            let mut expected = v.clone();
            expected.sort();
            heap_sort(&mut v, |a, b| a < b);
            assert_eq!(v, expected, "{len}");
        }
    }
}
