//! The reviews: every reviewer at the same time, each on its own.

use turk_models::{ReviewInput, ReviewOutcome, ReviewerConfig, RunOptions};

/// Runs every reviewer at once and returns their outcomes in the order of `reviewers`. A review never fails: what
/// went wrong is in its outcome. The reviewers never see each other's answers.
pub async fn review_all(
    reviewers: &[ReviewerConfig],
    input: &ReviewInput,
    options: &RunOptions,
) -> Vec<ReviewOutcome> {
    let futures = reviewers
        .iter()
        .map(|reviewer| turk_models::review(reviewer, input, options))
        .collect();
    join_all(futures).await
}

/// Polls every future to completion concurrently on this task, keeping their order (the reviews borrow the
/// input, so they are not spawned as separate tasks; each review runs its own requests in parallel).
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (slot, result) in pending.iter_mut().zip(results.iter_mut()) {
            if let Some(fut) = slot {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => {
                        *result = Some(out);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    results
        .into_iter()
        .map(|r| r.expect("every future completed"))
        .collect()
}
