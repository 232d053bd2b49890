//! Threads for the index build: natively the work is spread over the cores; in the browser,
//! which never builds an index, it runs in turn.

use crate::article::Article;

/// Runs `a` and `b` on two threads (natively; one after the other where there are no threads,
/// as in the browser, which never builds an index).
pub(super) fn in_parallel<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let a = scope.spawn(a);
            let b = b();
            (
                a.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                b,
            )
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// Articles in at most one run per core (one run where there are no threads, or few articles).
pub(super) fn split_into_runs(mut articles: Vec<Article>) -> Vec<Vec<Article>> {
    const MIN_RUN: usize = 1_000;
    let run_len = articles.len().div_ceil(available_threads()).max(MIN_RUN);
    let mut runs = Vec::new();
    while articles.len() > run_len {
        let rest = articles.split_off(run_len);
        runs.push(std::mem::replace(&mut articles, rest));
    }
    runs.push(articles);
    runs
}

/// Threads worth running side by side: the cores (at most 8), one in the browser.
pub(super) fn available_threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `f` of each item, each on its own thread (natively; in turn in the browser), in order.
pub(super) fn map_in_parallel<T: Send, R: Send>(
    items: Vec<T>,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let f = &f;
        std::thread::scope(|scope| {
            let threads: Vec<_> = items
                .into_iter()
                .map(|item| scope.spawn(move || f(item)))
                .collect();
            threads
                .into_iter()
                .map(|t| {
                    t.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.into_iter().map(f).collect()
    }
}
