//! One module per subcommand: its clap arguments and its `run`.

pub mod audit;
pub mod profile;
pub mod report;
pub mod roster;
pub mod rules;
pub mod scan;
