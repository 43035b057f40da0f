//! `--edition_defaults_out`.
