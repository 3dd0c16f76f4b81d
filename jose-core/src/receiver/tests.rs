//! Unit tests of the receiver.
