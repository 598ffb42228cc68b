//! What can go wrong reading a profile. Every error names the file (as the caller spelled it) and the problem.

/// A profile could not be read, decoded or summarised.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The I/O error is part of the message rather than a `source`, so that it is said once however the
    /// error is printed.
    #[error("{path}: cannot read the profile: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: the file is empty, not a profile")]
    Empty { path: String },
    #[error("{path}: the gzip stream ends early: the profile is truncated")]
    Truncated { path: String },
    #[error("{path}: damaged gzip data ({detail})")]
    Gzip { path: String, detail: String },
    #[error("{path}: larger than {limit} bytes once decompressed; not read")]
    TooLarge { path: String, limit: u64 },
    #[error("{path}: not a pprof profile: {reason}")]
    NotAProfile { path: String, reason: String },
    #[error("{path}: the profile has no sample type `{wanted}` (it has {available})")]
    NoSuchSampleType {
        path: String,
        wanted: String,
        available: String,
    },
    #[error("{path}: the profile records no {sample_type}: every sample is zero or there are none")]
    NoSamples { path: String, sample_type: String },
    #[error("{path}: cannot be added to {into}: {reason}")]
    CannotMerge {
        path: String,
        into: String,
        reason: String,
    },
}
