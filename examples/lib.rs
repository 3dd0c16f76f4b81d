//! The README's runnable examples, as a package of their own so that the
//! first command a newcomer types compiles jose-core and its dependencies
//! and nothing else:
//!
//! ```text
//! cargo run --example auth0_access_token   # an Auth0 encrypted access token
//! cargo run --example curity_id_token      # a Curity encrypted ID token
//! ```
//!
//! This library is empty; the examples are `auth0_access_token.rs` and
//! `curity_id_token.rs` beside it.
