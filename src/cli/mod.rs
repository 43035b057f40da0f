//! The command line: protoc's flag grammar into an invocation, then the one place that runs
//! the stages in order.

/// Runs protoc-rs with `args` (without the program name); returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let _ = args;
    1
}
