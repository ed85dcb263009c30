//! Per-token rate limits: a token bucket per token, in memory. Each collector instance keeps its
//! own buckets, so behind a load balancer a token's total rate is the limit times the instances.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    /// Reports per minute per token; `None` means no limit (load tests, a single user).
    per_minute: Option<u32>,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// A limit of `per_minute` requests, in bursts of up to a minute's worth; 0 disables it.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: (per_minute > 0).then_some(per_minute),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the token's bucket, or says how long until one is free.
    pub fn check(&self, token_id: i64) -> Result<(), Duration> {
        self.check_at(token_id, Instant::now())
    }

    fn check_at(&self, token_id: i64, now: Instant) -> Result<(), Duration> {
        let Some(per_minute) = self.per_minute else {
            return Ok(());
        };
        let capacity = f64::from(per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let bucket = buckets.entry(token_id).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_beyond_the_limit_waits_for_the_refill() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        assert!((0..3).all(|_| limiter.check_at(7, t0).is_ok()));
        let wait = limiter.check_at(7, t0).unwrap_err();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(
            limiter.check_at(8, t0).is_ok(),
            "other tokens have their own bucket"
        );
        assert!(limiter.check_at(7, t0 + Duration::from_secs(20)).is_ok());
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(0);
        assert!((0..10_000).all(|_| limiter.check(1).is_ok()));
    }
}
