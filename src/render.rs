//! Render stage (in progress).
