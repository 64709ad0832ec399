//! The markdown value reference.
