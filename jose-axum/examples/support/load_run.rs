//! What both loopback load runs share: the request a client sends, the
//! bounded run of clients, the latency report, the flags. Included by
//! `load.rs` and `load_tenants.rs` with `#[path]`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The number after the flag `name`, or `default`.
pub fn arg(name: &str, default: usize) -> Result<usize, Failure> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(args.get(i + 1).ok_or("a number after the flag")?.parse()?),
        None => Ok(default),
    }
}

/// One request: its `Authorization` header and, for DPoP, its proof.
#[derive(Clone)]
pub struct Call {
    pub authorization: String,
    pub proof: Option<String>,
}

impl Call {
    /// A bearer token alone.
    pub fn bearer(token: &str) -> Self {
        Call {
            authorization: format!("Bearer {token}"),
            proof: None,
        }
    }
}

/// Sends every call once, `connections` at a time; each latency, and the
/// wall time.
pub async fn run(
    url: &str,
    calls: Vec<Call>,
    connections: usize,
) -> Result<(Vec<Duration>, Duration), Failure> {
    let calls = Arc::new(calls);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (calls, next, url) = (Arc::clone(&calls), Arc::clone(&next), url.to_string());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latencies = Vec::new();
            while let Some(call) = calls.get(next.fetch_add(1, Ordering::Relaxed)) {
                let sent = Instant::now();
                let mut request = client
                    .get(&url)
                    .header("authorization", &call.authorization);
                if let Some(proof) = &call.proof {
                    request = request.header("dpop", proof);
                }
                let response = request.send().await?;
                let status = response.status();
                response.bytes().await?;
                if !status.is_success() {
                    return Err(format!("status {status}").into());
                }
                latencies.push(sent.elapsed());
            }
            Ok::<_, Failure>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok((latencies, started.elapsed()))
}

pub fn report(phase: &str, (mut latencies, wall): (Vec<Duration>, Duration)) {
    latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1));
        latencies.get(i).copied().unwrap_or(Duration::ZERO)
    };
    println!(
        "{phase:<36} {:>6} requests in {:>7.2?}: {:>8.0} req/s, p50 {:>9.1?}, p99 {:>9.1?}",
        latencies.len(),
        wall,
        latencies.len() as f64 / wall.as_secs_f64(),
        at(0.50),
        at(0.99),
    );
}
